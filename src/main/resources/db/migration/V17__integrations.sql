-- Integrations (integrations module): the outside platforms Mailgate is a client of (providers, each
-- with the client ID and secret it issued to Mailgate) and the accounts that workspaces connected
-- there (connections, with their tokens). Secrets and tokens are encrypted with the platform
-- SecretBox (AES-256-GCM, key outside the database); the associated data names the row and column.
create table integrations_providers (
    id                     uuid          not null primary key,
    -- the registration id of Spring Security's OAuth2 client, in URLs: hubspot, acme-crm
    registration_id        varchar(64)   not null unique,
    name                   varchar(100)  not null,
    -- hubspot, salesforce, google, microsoft, linkedin, mailgate or custom (ProviderType)
    type                   varchar(20)   not null,
    -- set when the endpoints came from RFC 8414 / OpenID discovery, and for OpenID providers
    issuer                 varchar(500),
    authorization_uri      varchar(500)  not null,
    token_uri              varchar(500)  not null,
    revocation_uri         varchar(500),
    userinfo_uri           varchar(500),
    jwk_set_uri            varchar(500),
    -- the provider's API (contacts, posts), and an analytics provider's events endpoint
    api_base_url           varchar(500),
    events_url             varchar(500),
    -- space-separated
    scopes                 varchar(1000) not null,
    client_id              varchar(255)  not null,
    -- encrypted (associated data: 'integrations_providers.client_secret:' + id)
    client_secret          varchar(2000) not null,
    client_secret_last4    varchar(4)    not null,
    -- client_secret_basic or client_secret_post
    client_auth_method     varchar(30)   not null,
    -- the provider says it sends RFC 9207's iss in authorization responses
    iss_parameter_supported boolean      default false not null,
    secret_replaced_at     timestamp with time zone not null,
    created_at             timestamp with time zone not null
);

-- One connected account per workspace and provider. ACTIVE, or RECONNECT_NEEDED once the provider
-- refused the refresh token (invalid_grant); the tokens stay until the marketer reconnects or
-- disconnects.
create table integrations_connections (
    id                      uuid          not null primary key,
    workspace_id            uuid          not null references accounts_workspaces (id) on delete cascade,
    provider_id             uuid          not null references integrations_providers (id),
    connected_by            uuid          not null,
    -- who the account is at the provider, for people (an email or a name)
    account_label           varchar(255)  not null,
    -- the provider's id of the account (OpenID sub, LinkedIn's person id), when known
    account_subject         varchar(255),
    status                  varchar(20)   not null,
    status_detail           varchar(500),
    -- space-separated, as granted
    scopes                  varchar(1000) not null,
    -- encrypted (associated data: 'integrations_connections.access_token:' + id, and so on)
    access_token            varchar(20000) not null,
    access_token_expires_at timestamp with time zone,
    refresh_token           varchar(20000),
    -- counts refreshes, so that a node holding an old copy knows it is old
    token_version           bigint        default 0 not null,
    refreshed_at            timestamp with time zone,
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null,
    unique (workspace_id, provider_id)
);
create index integrations_connections_provider_ix on integrations_connections (provider_id);
