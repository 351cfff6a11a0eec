-- Registered apps (OAuth clients) and their secrets. Secrets are kept as SHA-256 hashes
-- with a short prefix and the last four characters for display, never in clear.
create table apps_apps (
    id           uuid          not null primary key,
    workspace_id uuid          not null references accounts_workspaces (id) on delete cascade,
    client_id    varchar(100)  not null,
    name         varchar(100)  not null,
    client_type  varchar(16)   not null,
    scopes       varchar(1000) not null,
    created_at   timestamp with time zone not null,
    constraint apps_apps_client_id_uk unique (client_id),
    constraint apps_apps_client_type_ck check (client_type in ('CONFIDENTIAL', 'PUBLIC'))
);

create index apps_apps_workspace_ix on apps_apps (workspace_id);

create table apps_client_secrets (
    id             uuid        not null primary key,
    app_id         uuid        not null references apps_apps (id) on delete cascade,
    secret_hash    char(64)    not null,
    display_prefix varchar(8)  not null,
    last_four      varchar(4)  not null,
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone,
    revoked_at     timestamp with time zone,
    constraint apps_client_secrets_hash_uk unique (secret_hash)
);

create index apps_client_secrets_app_ix on apps_client_secrets (app_id);
