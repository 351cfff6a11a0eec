-- CSV imports (contacts module), shared by every node: an upload waits here for its column
-- mapping (an hour), so that the mapping page and the start of the import may reach any node;
-- an import's progress is written here by the node running it, a batch at a time, so that any
-- node can show it. `text` is a CLOB on H2 and TOASTed (compressed, out of line) on PostgreSQL.
create table contacts_import_uploads (
    id             uuid          not null primary key,
    workspace_id   uuid          not null,
    file_name      varchar(255)  not null,
    -- the file decoded, as the import reads it again
    content        text          not null,
    -- characters of content: the uploads a workspace keeps waiting are bounded by their sum
    content_size   bigint        not null,
    cell_delimiter varchar(1)    not null,
    -- JSON: the header's cells (each named), and the first rows for the mapping page
    header_cells   text          not null,
    sample_rows    text          not null,
    -- rows under the header, blank ones not counted
    rows_total     integer       not null,
    uploaded_at    timestamp with time zone not null
);
create index contacts_import_uploads_ws_ix on contacts_import_uploads (workspace_id, uploaded_at);

create table contacts_imports (
    id           uuid          not null primary key,
    workspace_id uuid          not null,
    file_name    varchar(255)  not null,
    -- running, done, failed or interrupted (its node stopped answering: see heartbeat_at)
    state        varchar(12)   not null,
    -- the workspace while running, null once ended: unique, so that one import runs at a time
    -- per workspace across all nodes (a partial unique index would say it better, but H2 has none)
    running_in   uuid          unique,
    total        integer       not null,
    processed    integer       default 0 not null,
    created      integer       default 0 not null,
    updated      integer       default 0 not null,
    rejected     integer       default 0 not null,
    -- why it stopped early, in words for the marketer
    failure      varchar(500),
    -- the node running it writes at least this often; silence means the node died
    heartbeat_at timestamp with time zone not null,
    started_at   timestamp with time zone not null,
    finished_at  timestamp with time zone
);
create index contacts_imports_ws_ix on contacts_imports (workspace_id, started_at);
create index contacts_imports_finished_ix on contacts_imports (finished_at);

-- the rows an import rejected and why (the first 100,000 of them)
create table contacts_import_rejections (
    import_id uuid          not null references contacts_imports (id) on delete cascade,
    line      bigint        not null,
    email     varchar(1000) not null,
    reason    varchar(2000) not null,
    primary key (import_id, line)
);
