import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { epochSeconds, type RsaKey, rsaKey, signJwt } from './jwt.js';
import { TEST_CLIENT } from './oidc-provider.js';

type Pending = { redirectUri: string; nonce: string | undefined; challenge: string | undefined };

/** How the next ID token is made: its claims (from the defaults and the nonce asked for) and its signing key. */
export type Craft = (defaults: Record<string, unknown>) => {
  claims: Record<string, unknown>;
  signWith: 'provider' | 'other' | 'none';
};

/** client_secret_basic as RFC 6749 §2.3.1 has it: id and secret form-urlencoded, then Base64. */
function clientAuthenticated(header: string | undefined): boolean {
  const [scheme, encoded] = (header ?? '').split(' ');
  if (scheme !== 'Basic' || !encoded) return false;
  const [id, secret] = Buffer.from(encoded, 'base64').toString().split(':').map(decodeURIComponent);
  return id === TEST_CLIENT.id && secret === TEST_CLIENT.secret;
}

/**
 * A small OpenID provider written for the tests, on 127.0.0.1: discovery, JWKS, an authorization endpoint that
 * answers at once with a code, and a token endpoint that checks the code and PKCE like any provider, then returns
 * the ID token the test crafts (wrong issuer, wrong audience, no nonce, expired, `alg: none`, another key…).
 * It is a real HTTP provider Plein talks to; nothing of Plein is replaced.
 */
export async function startCraftedProvider() {
  const key: RsaKey = rsaKey('crafted-key');
  // Same kid, another key: a token "signed by the provider" that its published key does not verify.
  const impostor: RsaKey = rsaKey('crafted-key');
  const pending = new Map<string, Pending>();
  let craft: Craft = (defaults) => ({ claims: defaults, signWith: 'provider' });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [key.publicJwk] });
    if (url.pathname === '/authorize') {
      const code = randomBytes(16).toString('base64url');
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      pending.set(code, {
        redirectUri,
        nonce: url.searchParams.get('nonce') ?? undefined,
        challenge: url.searchParams.get('code_challenge') ?? undefined,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      if (!clientAuthenticated(req.headers.authorization)) return json(401, { error: 'invalid_client' });
      const code = form.get('code') ?? '';
      const grant = pending.get(code);
      pending.delete(code); // one use
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!grant || grant.redirectUri !== form.get('redirect_uri') || grant.challenge !== challenge) {
        return json(400, { error: 'invalid_grant' });
      }
      const now = epochSeconds();
      const made = craft({
        iss: issuer,
        sub: 'crafted-subject',
        aud: TEST_CLIENT.id,
        iat: now,
        exp: now + 300,
        nonce: grant.nonce,
        email: 'crafted@example.test',
        email_verified: true,
        name: 'Crafted Person',
      });
      const signer = made.signWith === 'none' ? null : made.signWith === 'other' ? impostor : key;
      return json(200, {
        access_token: randomBytes(16).toString('base64url'),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: signJwt(made.claims, signer),
      });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    /** The next ID token the token endpoint returns. */
    craft: (next: Craft) => {
      craft = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
