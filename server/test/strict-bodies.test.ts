import { describe, expect, it } from 'vitest';
import { allRoutes } from '../app.js';
import type { Route } from '../platform/http/route.js';
import { client } from './client.js';
import { buildPerson, tokenFor } from './factories.js';
import { testApp } from './harness.js';

const UNKNOWN_KEY = 'unexpectedField';
/**
 * Bodies that outside systems write to a protocol, not people to Plein's API: a protocol tells the receiver to
 * ignore what it does not know (SCIM, RFC 7644 §3.3; an OpenID provider's logout form; a SAML IdP's posted form; a mail client's one-click
 * unsubscribe form, RFC 8058), and refusing would break real clients.
 */
const protocolBody = (route: Route) =>
  route.url.startsWith('/scim/') ||
  route.url === '/api/v1/auth/oidc/backchannel-logout' ||
  route.url === '/api/v1/auth/saml/acs' ||
  route.url === '/unsubscribe/:token';
const routesWithBody = allRoutes.filter((route) => route.schema.body !== undefined && !protocolBody(route));

describe('request bodies refuse unknown fields', () => {
  it('covers routes that take a body (the walk is not empty)', () => {
    expect(routesWithBody.length).toBeGreaterThan(10);
  });

  // Schema-level, so a new route with a loose body fails here without needing a valid request for it.
  it.each(routesWithBody.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s',
    (_name, route) => {
      const result = route.schema.body!.safeParse({ [UNKNOWN_KEY]: 'x' });
      expect(result.success).toBe(false);
      const unknown = result.error!.issues.filter(
        (issue) => issue.code === 'unrecognized_keys' && issue.keys.includes(UNKNOWN_KEY),
      );
      expect(unknown).toHaveLength(1);
    },
  );

  it('answers POST /api/v1/me/tokens with an unknown field with a 400 problem and creates no token', async () => {
    const ctx = await testApp();
    const person = await buildPerson(ctx.db.pool);
    const api = client(ctx.app, await tokenFor(ctx.db.pool, person));
    const response = await api.post('/api/v1/me/tokens', { name: 'CLI', scopes: ['admin'] });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().detail).toMatch(/scopes/);
    const { rows } = await ctx.db.pool.query(
      'select count(*)::int as n from api_tokens where person_id = $1',
      [person.id],
    );
    // tokenFor made one; the refused request made none.
    expect(rows[0].n).toBe(1);
    await ctx.app.close();
  });
});
