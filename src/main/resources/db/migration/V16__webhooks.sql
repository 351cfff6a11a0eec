-- Webhooks (webhooks module): an app's subscriptions in a workspace, and the outbox of deliveries
-- that the listener writes in the publishing transaction and the worker sends.
create table webhooks_subscriptions (
    id                   uuid          not null primary key,
    workspace_id         uuid          not null references accounts_workspaces (id) on delete cascade,
    client_id            varchar(255)  not null,
    url                  varchar(2000) not null,
    description          varchar(500)  default '' not null,
    -- event types, comma-separated
    events               varchar(1000) not null,
    enabled              boolean       not null,
    disabled_reason      varchar(300),
    -- the signing secret (whsec_...), encrypted with the platform SecretBox (associated data: id)
    secret               varchar(400)  not null,
    secret_prefix        varchar(20)   not null,
    -- the secret before the last rotation, which keeps signing alongside until it expires
    previous_secret      varchar(400),
    previous_secret_until timestamp with time zone,
    consecutive_failures integer       default 0 not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null
);
create index webhooks_subscriptions_workspace_ix on webhooks_subscriptions (workspace_id, client_id);
create index webhooks_subscriptions_client_ix on webhooks_subscriptions (client_id);

-- One row per event and subscription. PENDING (due at next_attempt_at) -> SENDING (claimed by a
-- node until claimed_until) -> SUCCEEDED, or back to PENDING for a retry, or FAILED.
create table webhooks_deliveries (
    id              uuid          not null primary key,
    subscription_id uuid          not null references webhooks_subscriptions (id) on delete cascade,
    event_type      varchar(40)   not null,
    -- the exact body, the same on every attempt
    payload         varchar(100000) not null,
    status          varchar(12)   not null,
    attempts        integer       default 0 not null,
    next_attempt_at timestamp with time zone,
    claimed_until   timestamp with time zone,
    last_attempt_at timestamp with time zone,
    response_status integer,
    created_at      timestamp with time zone not null,
    constraint webhooks_deliveries_status_ck check (status in ('PENDING', 'SENDING', 'SUCCEEDED', 'FAILED'))
);
create index webhooks_deliveries_due_ix on webhooks_deliveries (status, next_attempt_at);
create index webhooks_deliveries_subscription_ix on webhooks_deliveries (subscription_id, id);
create index webhooks_deliveries_created_ix on webhooks_deliveries (created_at);

-- Each attempt, for the delivery log: the response status, at most 1 KB of the response body, or
-- why no response came.
create table webhooks_attempts (
    delivery_id      uuid          not null references webhooks_deliveries (id) on delete cascade,
    attempt          integer       not null,
    at               timestamp with time zone not null,
    response_status  integer,
    response_excerpt varchar(1024),
    error            varchar(300),
    duration_ms      integer       not null,
    primary key (delivery_id, attempt)
);
