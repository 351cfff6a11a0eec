-- A workspace's audience: contacts, their custom fields, tags and lists.

-- Custom fields a workspace defines; a contact's values live in contacts_contacts.fields
-- (JSON object, keyed by field_key).
create table contacts_fields (
    workspace_id uuid         not null references accounts_workspaces (id) on delete cascade,
    field_key    varchar(64)  not null,
    label        varchar(200) not null,
    field_type   varchar(16)  not null,
    created_at   timestamp with time zone not null,
    primary key (workspace_id, field_key)
);

create table contacts_contacts (
    id             uuid          not null primary key,
    workspace_id   uuid          not null references accounts_workspaces (id) on delete cascade,
    email          varchar(254)  not null,
    first_name     varchar(200),
    last_name      varchar(200),
    status         varchar(16)   not null,
    consent_source varchar(200),
    consent_at     timestamp with time zone,
    fields         varchar(60000),
    tags           varchar(4000) default '' not null,
    version        bigint        not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);

-- Email first: a batch looks up to 1,000 emails of one workspace with one IN list, which
-- H2 and PostgreSQL answer from this index only when its first column is the email.
create unique index contacts_contacts_email_ix on contacts_contacts (email, workspace_id);
-- Cursor listing and incremental sync (updated_since) walk this index.
create index contacts_contacts_updated_ix on contacts_contacts (workspace_id, updated_at, id);

-- One row per tag of a contact, for filtering by tag; contacts_contacts.tags has the same set
-- for reading.
create table contacts_tags (
    contact_id   uuid         not null references contacts_contacts (id) on delete cascade,
    workspace_id uuid         not null,
    tag          varchar(100) not null,
    primary key (contact_id, tag)
);

create index contacts_tags_tag_ix on contacts_tags (workspace_id, tag);

create table contacts_lists (
    id           uuid          not null primary key,
    workspace_id uuid          not null references accounts_workspaces (id) on delete cascade,
    name         varchar(200)  not null,
    description  varchar(1000) default '' not null,
    created_at   timestamp with time zone not null
);

create unique index contacts_lists_name_ix on contacts_lists (workspace_id, name);

create table contacts_list_members (
    list_id    uuid not null references contacts_lists (id) on delete cascade,
    contact_id uuid not null references contacts_contacts (id) on delete cascade,
    added_at   timestamp with time zone not null,
    primary key (list_id, contact_id)
);

create index contacts_list_members_contact_ix on contacts_list_members (contact_id);
