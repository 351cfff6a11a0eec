-- Integrations (integrations module): campaigns shared to social accounts, and the engagement export
-- to analytics endpoints. Neither table holds a token: the connection's vault does.

-- One row per attempt to share a sent campaign's archive page as a post. SHARING while Mailgate waits
-- for the provider (a second share on the same connection is refused meanwhile, so a double click
-- never posts twice), then SHARED with the provider's post id and link, or FAILED with its message.
create table integrations_shares (
    id            uuid          not null primary key,
    workspace_id  uuid          not null references accounts_workspaces (id) on delete cascade,
    connection_id uuid          not null references integrations_connections (id) on delete cascade,
    -- the campaigns module's id; no foreign key across modules, the history outlives a deleted campaign
    campaign_id   uuid          not null,
    commentary    varchar(3000) not null,
    status        varchar(16)   not null,
    -- LinkedIn's urn:li:share:… (x-restli-id) and where people see the post
    post_id       varchar(200),
    post_url      varchar(500),
    -- the provider's message, as shown to the person; never a token
    error         varchar(500),
    shared_by     uuid          not null,
    created_at    timestamp with time zone not null,
    finished_at   timestamp with time zone,
    constraint integrations_shares_status_ck check (status in ('SHARING', 'SHARED', 'FAILED'))
);
create index integrations_shares_connection_ix on integrations_shares (connection_id, created_at);

-- The engagement export of one connection to its provider's events URL. The cursor is the last
-- event id the endpoint accepted (events are exported in the order of their time-ordered ids);
-- it moves in the same update that records the success, so a batch is sent again until accepted
-- (at least once, with a stable Idempotency-Key). One node at a time exports a connection: it
-- claims the row with a conditional update on claimed_until.
create table integrations_analytics_exports (
    connection_id   uuid         not null primary key references integrations_connections (id) on delete cascade,
    workspace_id    uuid         not null references accounts_workspaces (id) on delete cascade,
    enabled         boolean      default false not null,
    -- send the address in clear as well as its SHA-256 (off: only the hash leaves Mailgate)
    include_email   boolean      default false not null,
    last_event_id   uuid,
    exported_count  bigint       default 0 not null,
    -- IDLE (up to date or waiting for the next run), RETRYING (the endpoint failed), PAUSED (reconnect needed)
    status          varchar(16)  not null,
    attempts        integer      default 0 not null,
    next_attempt_at timestamp with time zone not null,
    claimed_until   timestamp with time zone,
    -- what went wrong, for people; never a token
    last_error      varchar(500),
    last_success_at timestamp with time zone,
    updated_at      timestamp with time zone not null,
    constraint integrations_analytics_status_ck check (status in ('IDLE', 'RETRYING', 'PAUSED'))
);
create index integrations_analytics_due_ix on integrations_analytics_exports (enabled, next_attempt_at);
