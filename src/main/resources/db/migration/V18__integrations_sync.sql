-- Contact sync (integrations module): how each connection's contacts come in (field mapping, list,
-- schedule, the watermark of the next incremental run) and every run with its progress. A run's
-- cursor and counts are written in the same transaction as the page of contacts they describe,
-- so a run taken over after a crash continues from the last page written. Rows go with their
-- connection (disconnect deletes it).
create table integrations_sync_settings (
    connection_id   uuid          not null primary key
                                  references integrations_connections (id) on delete cascade,
    -- JSON object: provider field -> Mailgate field (email, first_name, last_name, tags) or a
    -- custom field's key
    mapping         varchar(10000) not null,
    -- a list of the workspace that imported contacts are added to
    list_id         uuid,
    -- off, hourly or daily
    schedule        varchar(10)   default 'off' not null,
    -- when the last successful run started asking: the next run asks for changes since then
    watermark       timestamp with time zone,
    next_run_at     timestamp with time zone,
    updated_at      timestamp with time zone not null
);
create index integrations_sync_settings_due_ix on integrations_sync_settings (next_run_at);

create table integrations_sync_runs (
    id              uuid          not null primary key,
    connection_id   uuid          not null references integrations_connections (id) on delete cascade,
    workspace_id    uuid          not null,
    -- manual, schedule, cli or api
    started_by      varchar(10)   not null,
    -- queued, running, waiting, succeeded, failed or cancelled
    status          varchar(10)   not null,
    -- where the next page starts at the provider (its own cursor format)
    page_cursor     varchar(2000),
    -- the incremental run's lower bound, null for a full sync
    updated_since   timestamp with time zone,
    -- when this run started asking; becomes the connection's watermark when it succeeds
    watermark       timestamp with time zone not null,
    -- how many contacts the provider says there are, when it says
    total           bigint,
    fetched         bigint        default 0 not null,
    created         bigint        default 0 not null,
    updated         bigint        default 0 not null,
    skipped         bigint        default 0 not null,
    failed          bigint        default 0 not null,
    -- the first few rejected contacts and why, one a line
    failures        varchar(4000),
    -- failed requests to the provider, and the times the run stopped to wait in a row
    attempts        integer       default 0 not null,
    waits           integer       default 0 not null,
    -- what went wrong last (a status and a message, never a token)
    last_error      varchar(500),
    next_attempt_at timestamp with time zone,
    -- the node running it reports at least this often; silence means the node died
    heartbeat_at    timestamp with time zone,
    node            varchar(100),
    created_at      timestamp with time zone not null,
    started_at      timestamp with time zone,
    finished_at     timestamp with time zone
);
create index integrations_sync_runs_connection_ix on integrations_sync_runs (connection_id, created_at);
create index integrations_sync_runs_due_ix on integrations_sync_runs (status, next_attempt_at);
