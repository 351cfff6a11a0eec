-- An access token of a person's grant names the grant (GrantAccessTokens) and is found by the
-- grant's id, so the hash of a grant's current one needs no index either: this column has none.
-- With V25, a refresh, which replaces the grant's access and refresh tokens, changes no index of
-- this table (on PostgreSQL, no index entry is written). access_hash (indexed) keeps the access
-- tokens of the earlier shape and those of grants made with their token, found by their hash.
alter table oauth_authorizations add column named_access_hash char(64);
