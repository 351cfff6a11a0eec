-- The authorization server's state. Every code and token is kept only as the SHA-256 of its
-- value (one indexed column per kind), never as issued.
create table oauth_authorizations (
    id                   varchar(100)  not null primary key,
    registered_client_id uuid          not null references apps_apps (id) on delete cascade,
    principal_name       varchar(320)  not null,
    grant_type           varchar(100)  not null,
    authorized_scopes    varchar(1000) default '' not null,
    attributes           bytea,
    state_hash           char(64),
    code_hash            char(64),
    code_issued_at       timestamp with time zone,
    code_expires_at      timestamp with time zone,
    code_metadata        bytea,
    access_hash          char(64),
    access_issued_at     timestamp with time zone,
    access_expires_at    timestamp with time zone,
    access_metadata      bytea,
    access_scopes        varchar(1000),
    refresh_hash         char(64),
    refresh_issued_at    timestamp with time zone,
    refresh_expires_at   timestamp with time zone,
    refresh_metadata     bytea,
    id_token_hash        char(64),
    id_token_issued_at   timestamp with time zone,
    id_token_expires_at  timestamp with time zone,
    id_token_metadata    bytea,
    created_at           timestamp with time zone not null
);

create unique index oauth_authorizations_state_ix on oauth_authorizations (state_hash);
create unique index oauth_authorizations_code_ix on oauth_authorizations (code_hash);
create unique index oauth_authorizations_access_ix on oauth_authorizations (access_hash);
create unique index oauth_authorizations_refresh_ix on oauth_authorizations (refresh_hash);
create index oauth_authorizations_grant_ix on oauth_authorizations (registered_client_id, principal_name);

-- Refresh tokens already exchanged for new ones: presenting one again revokes its family
-- (RFC 9700 section 4.14.2).
create table oauth_spent_refresh_tokens (
    token_hash       char(64)     not null primary key,
    authorization_id varchar(100) not null references oauth_authorizations (id) on delete cascade,
    spent_at         timestamp with time zone not null
);

create table oauth_consents (
    registered_client_id uuid          not null references apps_apps (id) on delete cascade,
    principal_name       varchar(320)  not null,
    authorities          varchar(1000) not null,
    granted_at           timestamp with time zone not null,
    primary key (registered_client_id, principal_name)
);

-- ES256 keys for JWT access tokens and ID tokens. The newest unretired key signs; retired
-- keys stay in the JWKS until every token they signed has expired.
create table oauth_signing_keys (
    kid         varchar(64) not null primary key,
    algorithm   varchar(16) not null,
    private_key bytea       not null,
    public_key  bytea       not null,
    created_at  timestamp with time zone not null,
    retired_at  timestamp with time zone
);
