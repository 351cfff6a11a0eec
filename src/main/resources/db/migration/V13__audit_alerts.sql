-- Alerts the audit module's rules raised (docs/security-monitoring.md). One open alert per rule
-- and app at a time: further hits while it is open add to hits. No foreign keys: an alert stays
-- when its app or workspace is deleted, as the audit log does.
create table audit_alerts (
    id              uuid          not null primary key,
    raised_at       timestamp with time zone not null,
    rule            varchar(64)   not null,
    severity        varchar(16)   not null,             -- high | medium
    workspace_id    uuid,
    app_id          uuid,
    client_id       varchar(200),
    summary         varchar(400)  not null,             -- human-readable, never a credential
    detail          varchar(2000),
    hits            integer       default 1 not null,
    action_taken    varchar(400),                       -- what Mailgate did: none, secrets revoked, app suspended
    acknowledged_at timestamp with time zone,
    acknowledged_by varchar(400)
);
create index audit_alerts_workspace_ix on audit_alerts (workspace_id, raised_at);
create index audit_alerts_rule_app_ix on audit_alerts (rule, app_id, raised_at);
create index audit_alerts_raised_ix on audit_alerts (raised_at);
