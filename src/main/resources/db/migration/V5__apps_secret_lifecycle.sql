-- Secret rotation: when and from where each secret was last used (recorded in batches, not on
-- every request), and who owns an app.
alter table apps_client_secrets add column last_used_at timestamp with time zone;
alter table apps_client_secrets add column last_used_ip varchar(64);
alter table apps_apps add column created_by uuid;
