-- Sign-in sessions (accounts module), kept by Spring Session JDBC so that every node serves every
-- browser: spring.session.jdbc.table-name=accounts_sessions. Spring Session's own schema (its
-- schema-postgresql.sql), with two changes: bytea, which H2 in PostgreSQL mode reads as
-- varbinary, for its BYTEA/LONGVARBINARY; and room for an email of 320 characters (the
-- principal name) where Spring Session has 100. Runs unchanged on H2 and PostgreSQL.
create table accounts_sessions (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    -- the signed-in person's email, so that ending "every session of this person" finds them all
    principal_name        varchar(320),
    constraint accounts_sessions_pk primary key (primary_id)
);
create unique index accounts_sessions_ix1 on accounts_sessions (session_id);
-- the cleanup job deletes by expiry time
create index accounts_sessions_ix2 on accounts_sessions (expiry_time);
create index accounts_sessions_ix3 on accounts_sessions (principal_name);

-- Each attribute (the signed-in person, the CSRF token, a saved request, flash messages) as Java
-- serialization sealed with the encryption key (AES-256-GCM, platform's SecretBox): nothing in a
-- session, a secret shown once included, is stored readable, and nobody who can write to the
-- database can hand Mailgate an object to deserialize.
create table accounts_sessions_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint accounts_sessions_attributes_pk primary key (session_primary_id, attribute_name),
    constraint accounts_sessions_attributes_fk foreign key (session_primary_id)
        references accounts_sessions (primary_id) on delete cascade
);
