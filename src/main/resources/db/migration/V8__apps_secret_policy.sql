-- A workspace's rule for client secrets: the longest a secret may live (null: no limit).
create table apps_secret_policies (
    workspace_id     uuid    not null primary key references accounts_workspaces (id) on delete cascade,
    max_age_days     integer,
    updated_at       timestamp with time zone not null,
    constraint apps_secret_policies_age_ck check (max_age_days is null or max_age_days between 1 and 3650)
);
