-- Rate limits an operator set for one app instead of the defaults: token requests per window
-- and API requests per window (per workspace). A null pair means the default.
create table ratelimit_app_limits (
    client_id             varchar(200) not null primary key,
    token_quota           bigint,
    token_window_seconds  integer,
    api_quota             bigint,
    api_window_seconds    integer,
    updated_at            timestamp with time zone not null,
    updated_by            varchar(320) not null
);
