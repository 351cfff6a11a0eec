-- private_key_jwt (RFC 7523): an app authenticates with a JWT signed by its own key, published
-- inline (jwks) or at a URL (jwks_uri). Assertions are single-use: their jti is remembered until
-- they expire.
alter table apps_apps add column jwks varchar(16000);
alter table apps_apps add column jwks_uri varchar(500);

create table oauth_client_assertions (
    jti_hash   char(64)     not null primary key,
    client_id  varchar(100) not null,
    expires_at timestamp with time zone not null
);
create index oauth_client_assertions_expiry_ix on oauth_client_assertions (expires_at);
