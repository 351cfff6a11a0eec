-- A refresh token that names its grant (RefreshTokenFamily) is found by the grant's id, so the
-- hash of a grant's current one needs no index: this column has none. Every rotation used to
-- delete one random key from oauth_authorizations_refresh_ix and insert another; in a table of
-- many grants each lands on a leaf page the store reads back, copies and writes again.
-- refresh_hash (indexed) keeps the refresh tokens of the earlier shape, which are found by their
-- hash. A grant whose new-shape token was stored in refresh_hash before this column existed is
-- still found (reads take whichever column holds the hash); its next rotation moves it here.
alter table oauth_authorizations add column named_refresh_hash char(64);
