-- Reports of leaked credentials from secret scanners: what was found where, and what Mailgate did.
create table apps_leak_reports (
    id             uuid         not null primary key,
    app_id         uuid         references apps_apps (id) on delete cascade,
    credential     varchar(8)   not null,
    display_prefix varchar(8)   not null,
    reporter       varchar(100) not null,
    source_url     varchar(2000),
    outcome        varchar(16)  not null,
    reported_at    timestamp with time zone not null
);
create index apps_leak_reports_app_ix on apps_leak_reports (app_id, reported_at);
