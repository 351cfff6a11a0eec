-- The four hash indexes stop checking uniqueness. Each hash is the SHA-256 of a value with
-- 256 random bits, so two equal ones never occur, and the unique check was the costliest
-- part of writing a row in the embedded database.
drop index oauth_authorizations_state_ix;
drop index oauth_authorizations_code_ix;
drop index oauth_authorizations_access_ix;
drop index oauth_authorizations_refresh_ix;
create index oauth_authorizations_state_ix on oauth_authorizations (state_hash);
create index oauth_authorizations_code_ix on oauth_authorizations (code_hash);
create index oauth_authorizations_access_ix on oauth_authorizations (access_hash);
create index oauth_authorizations_refresh_ix on oauth_authorizations (refresh_hash);
