-- Users, workspaces and who belongs where. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
create table accounts_users (
    id              uuid          not null primary key,
    email           varchar(320)  not null,
    display_name    varchar(100)  not null,
    password_hash   varchar(255)  not null,
    platform_admin  boolean       not null default false,
    created_at      timestamp with time zone not null,
    last_sign_in_at timestamp with time zone,
    constraint accounts_users_email_uk unique (email)
);

create table accounts_workspaces (
    id         uuid         not null primary key,
    name       varchar(100) not null,
    created_at timestamp with time zone not null
);

create table accounts_memberships (
    workspace_id uuid        not null references accounts_workspaces (id) on delete cascade,
    user_id      uuid        not null references accounts_users (id) on delete cascade,
    role         varchar(16) not null,
    created_at   timestamp with time zone not null,
    primary key (workspace_id, user_id),
    constraint accounts_memberships_role_ck check (role in ('OWNER', 'ADMIN', 'MEMBER'))
);

create index accounts_memberships_user_ix on accounts_memberships (user_id);
