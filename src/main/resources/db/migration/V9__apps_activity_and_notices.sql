-- What happened to each app, for its page; and which expiring secrets their owners were told about.
create table apps_activity (
    id         uuid         not null primary key,
    app_id     uuid         not null references apps_apps (id) on delete cascade,
    what       varchar(200) not null,
    actor      varchar(400),
    at         timestamp with time zone not null
);
create index apps_activity_app_ix on apps_activity (app_id, at);

alter table apps_client_secrets add column expiry_notified_at timestamp with time zone;
