-- Spent refresh tokens (RFC 9700 section 4.14.2), keyed by the first 64 bits of their SHA-256
-- as a bigint: the embedded database keeps such a table as one tree, where a char(64) key is
-- a second, unique index beside the row's own key. The full hash is compared on every look-up;
-- two spent tokens whose hashes share 64 bits would make the later refresh fail, not revoke.
-- No foreign key either: a spent token of a deleted grant finds nothing to revoke, and
-- GrantRetention deletes such rows. The old table is still read until its rows are gone with
-- their grants (its foreign key deletes them).
create table oauth_spent_refresh (
    hash_key         bigint       not null primary key,
    token_hash       char(64)     not null,
    authorization_id varchar(100) not null,
    spent_at         timestamp with time zone not null
);
