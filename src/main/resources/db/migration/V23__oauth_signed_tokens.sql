-- Signed access tokens (oauth's SignedAccessTokens): client_credentials tokens carry their
-- grant and an HMAC-SHA256 instead of a row. The HMAC keys are kept encrypted with the
-- SecretBox key, which stays outside the database, so the database alone cannot forge one.
-- The newest key signs; a key replaced by a newer one (retired_at) still checks the tokens it
-- signed for mailgate.oauth.retired-key-retention (an hour, longer than any token lives).
create table oauth_token_keys (
    id         integer     not null primary key,
    sealed_key varchar(400) not null,
    created_at timestamp with time zone not null,
    retired_at timestamp with time zone
);

-- A signed token revoked before it expired (RFC 7009, a leak report), by the SHA-256 of its
-- value; deleted once the token would have expired anyway (GrantRetention).
create table oauth_revoked_tokens (
    token_hash           char(64) not null primary key,
    registered_client_id uuid     not null references apps_apps (id) on delete cascade,
    expires_at           timestamp with time zone not null,
    revoked_at           timestamp with time zone not null
);

create index oauth_revoked_tokens_expires_ix on oauth_revoked_tokens (expires_at);

-- Every signed token of an app issued at or before not_before is revoked (the app was
-- suspended): resuming the app does not bring them back.
create table oauth_token_floors (
    registered_client_id uuid not null primary key references apps_apps (id) on delete cascade,
    not_before           timestamp with time zone not null
);
