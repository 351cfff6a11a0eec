// node-oidc-provider (panva) as a load-benchmark competitor for Mailgate.
// client_credentials + introspection, opaque access tokens, in-memory adapter, plain HTTP on 127.0.0.1.
// Configured by environment: OP_PORT, OP_CLIENT_ID, OP_CLIENT_SECRET (all required).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OP_PORT);
const clientId = process.env.OP_CLIENT_ID;
const clientSecret = process.env.OP_CLIENT_SECRET;
if (!port || !clientId || !clientSecret) {
  console.error('OP_PORT, OP_CLIENT_ID and OP_CLIENT_SECRET are required');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

// A fresh signing key per run (only ID tokens / JWT responses would use it; access tokens are opaque),
// so the provider does not fall back to its built-in development keys.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'bench-rs256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'api',
  }],
  scopes: ['openid', 'offline_access', 'api'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: {
      enabled: true,
      // The same check as the library default for confidential clients, without its "you should change this" notice:
      // any authenticated (confidential) client may introspect; a public client only its own tokens.
      allowedPolicy: async (ctx, client, token) => client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
    },
  },
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  ttl: { ClientCredentials: 3600 }, // 1 h, so a token fetched once stays active through a long load run
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
