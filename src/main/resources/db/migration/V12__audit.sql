-- The audit log (audit module)
create table audit_events (
    id           uuid         not null primary key,   -- time-ordered (platform.TimeOrderedIds)
    at           timestamp with time zone not null,
    kind         varchar(64)  not null,
    outcome      varchar(16)  not null,                -- success | failure | refused
    actor        varchar(400),                         -- email of a person, client id of an app, or 'system'
    workspace_id uuid,
    app_id       uuid,
    client_id    varchar(200),
    ip           varchar(64),
    user_agent   varchar(400),
    detail       varchar(2000),                        -- human-readable, never a credential
    count        integer default 1 not null            -- aggregated kinds: events in that minute
);
create index audit_events_at_ix on audit_events (at);
create index audit_events_workspace_ix on audit_events (workspace_id, at);
create index audit_events_app_kind_ix on audit_events (app_id, kind, at);
