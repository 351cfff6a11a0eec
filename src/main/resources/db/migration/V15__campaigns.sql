-- Campaigns (campaigns module): what is sent to whom, each recipient's delivery state (so that a
-- send survives a restart without emailing anyone twice), and the engagement events.
create table campaigns_campaigns (
    id             uuid          not null primary key,
    workspace_id   uuid          not null references accounts_workspaces (id) on delete cascade,
    name           varchar(200)  not null,
    subject        varchar(300)  default '' not null,
    preheader      varchar(300)  default '' not null,
    from_name      varchar(100)  default '' not null,
    from_email     varchar(254)  default '' not null,
    reply_to       varchar(254),
    html_body      varchar(500000) default '' not null,
    text_body      varchar(200000) default '' not null,
    target_list_id uuid          references contacts_lists (id) on delete set null,
    target_tag     varchar(100),
    status         varchar(16)   not null,
    scheduled_at   timestamp with time zone,
    started_at     timestamp with time zone,
    sent_at        timestamp with time zone,
    cancelled_at   timestamp with time zone,
    archive_public boolean       default false not null,
    archive_slug   varchar(64)   not null,
    recipients     integer       default 0 not null,
    version        bigint        default 1 not null,
    created_by     varchar(400),
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    constraint campaigns_status_ck check (status in ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED')),
    constraint campaigns_archive_slug_uk unique (archive_slug)
);
create index campaigns_workspace_ix on campaigns_campaigns (workspace_id, created_at);
create index campaigns_due_ix on campaigns_campaigns (status, scheduled_at);

-- One row per recipient, written when the send starts (the audience is fixed then). QUEUED →
-- CLAIMED (just before the message goes to SMTP) → SENT, BOUNCED (the SMTP server refused the
-- address) or FAILED. After a crash a CLAIMED row is never sent again (at most once).
create table campaigns_recipients (
    campaign_id uuid         not null references campaigns_campaigns (id) on delete cascade,
    contact_id  uuid         not null,
    email       varchar(254) not null,
    status      varchar(16)  not null,
    claimed_at  timestamp with time zone,
    sent_at     timestamp with time zone,
    message_id  varchar(200),
    error       varchar(500),
    primary key (campaign_id, contact_id),
    constraint campaigns_recipients_status_ck check (status in ('QUEUED', 'CLAIMED', 'SENT', 'BOUNCED', 'FAILED'))
);
create index campaigns_recipients_status_ix on campaigns_recipients (campaign_id, status);

-- Engagement: sent, delivered, bounced, opened, clicked, unsubscribed, complained. Ids are
-- time-ordered (UUIDv7), which the events API's cursor follows.
create table campaigns_events (
    id           uuid          not null primary key,
    workspace_id uuid          not null,
    campaign_id  uuid          not null references campaigns_campaigns (id) on delete cascade,
    contact_id   uuid,
    email        varchar(254),
    kind         varchar(16)   not null,
    url          varchar(2000),
    ip           varchar(64),
    user_agent   varchar(400),
    at           timestamp with time zone not null
);
create index campaigns_events_campaign_ix on campaigns_events (campaign_id, kind, at);
create index campaigns_events_workspace_ix on campaigns_events (workspace_id, id);

-- The key that signs tracking, click and unsubscribe links (HMAC-SHA256), one for every node,
-- created on first use.
create table campaigns_link_key (
    id         integer     not null primary key,
    secret     bytea       not null,
    created_at timestamp with time zone not null,
    constraint campaigns_link_key_one_ck check (id = 1)
);
