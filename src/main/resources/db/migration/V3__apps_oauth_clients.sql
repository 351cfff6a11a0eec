-- What the authorization server needs to know of an app (RFC 7591 client metadata).
alter table apps_apps add column description varchar(500);
alter table apps_apps add column website varchar(500);
alter table apps_apps add column logo_url varchar(500);
alter table apps_apps add column redirect_uris varchar(4000) default '' not null;
alter table apps_apps add column grant_types varchar(200) default 'client_credentials' not null;
alter table apps_apps add column token_format varchar(16) default 'OPAQUE' not null;
alter table apps_apps add column access_token_ttl_seconds integer default 900 not null;
alter table apps_apps add column status varchar(16) default 'ACTIVE' not null;
alter table apps_apps add column registration_token_hash char(64);
alter table apps_apps add column updated_at timestamp with time zone;

alter table apps_apps add constraint apps_apps_token_format_ck check (token_format in ('OPAQUE', 'JWT'));
alter table apps_apps add constraint apps_apps_status_ck check (status in ('ACTIVE', 'SUSPENDED'));
alter table apps_apps add constraint apps_apps_access_ttl_ck check (access_token_ttl_seconds between 300 and 3600);
create unique index apps_apps_registration_token_ix on apps_apps (registration_token_hash);
