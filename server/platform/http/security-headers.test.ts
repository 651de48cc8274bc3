import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { type Credentials, client } from '../../test/client.js';
import { buildPerson, sessionFor } from '../../test/factories.js';
import { testConfig, testDatabase } from '../../test/harness.js';

/** A web build of three files, so the SPA's page and assets are served next to the API. */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'plein-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Plein</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log("plein")');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

async function plein(secureCookies: boolean) {
  const db = await testDatabase();
  const { app } = await buildApp({
    config: testConfig({ secureCookies }),
    db,
    logger: false,
    webRoot: fakeBuild(),
  });
  await app.ready();
  return app;
}

let app: Awaited<ReturnType<typeof plein>>;
let secure: Awaited<ReturnType<typeof plein>>;
let member: Credentials;

beforeAll(async () => {
  app = await plein(false);
  secure = await plein(true);
  const db = await testDatabase();
  member = await sessionFor(db.pool, await buildPerson(db.pool));
});

afterAll(async () => {
  await app?.close();
  await secure?.close();
});

type Kind = 'api' | 'page' | 'asset' | 'docs';
type Sample = {
  name: string;
  kind: Kind;
  status: number;
  send: (on: typeof app) => Promise<LightMyRequestResponse>;
};

const get =
  (url: string, signedIn = false) =>
  (on: typeof app) =>
    client(on, signedIn ? member : null).get(url);

/** One of every kind of response Plein sends. */
const samples: Sample[] = [
  { name: 'API JSON for the viewer', kind: 'api', status: 200, send: get('/api/v1/me', true) },
  {
    name: 'API write',
    kind: 'api',
    status: 200,
    send: (on) => client(on, member).patch('/api/v1/me', { bio: 'Headers, everywhere.' }),
  },
  { name: 'problem+json 401', kind: 'api', status: 401, send: get('/api/v1/me') },
  { name: 'problem+json 400', kind: 'api', status: 400, send: get('/api/v1/people?limit=many', true) },
  { name: 'problem+json 404 of an unknown API path', kind: 'api', status: 404, send: get('/api/v1/nowhere') },
  { name: 'SSE', kind: 'api', status: 200, send: get('/api/v1/events?once=1', true) },
  { name: 'OpenAPI document', kind: 'api', status: 200, send: get('/api/v1/openapi.json') },
  { name: 'probe', kind: 'api', status: 200, send: get('/healthz') },
  { name: 'SPA page', kind: 'page', status: 200, send: get('/g/sales') },
  { name: 'SPA root', kind: 'page', status: 200, send: get('/') },
  { name: 'hashed static asset', kind: 'asset', status: 200, send: get('/assets/app-1234.js') },
  { name: 'unhashed static file', kind: 'asset', status: 200, send: get('/favicon.svg') },
  { name: 'API docs page', kind: 'docs', status: 200, send: get('/api/docs') },
  { name: 'API docs script', kind: 'docs', status: 200, send: get('/api/docs/static/swagger-ui-bundle.js') },
];

function directives(csp: unknown): Map<string, string> {
  expect(typeof csp).toBe('string');
  return new Map(
    String(csp)
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
  );
}

describe('security headers on every response Plein sends', () => {
  it.each(samples)(
    '$name: no sniffing, no framing, no referrer outside, no powerful features',
    async (sample) => {
      const response = await sample.send(app);
      expect(response.statusCode).toBe(sample.status);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(directives(response.headers['content-security-policy']).get('frame-ancestors')).toBe("'none'");
      expect(response.headers['referrer-policy']).toBe('same-origin');
      const permissions = String(response.headers['permissions-policy']);
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'display-capture']) {
        expect(permissions).toContain(`${feature}=()`);
      }
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    },
  );

  it.each(samples)(
    '$name: Strict-Transport-Security when cookies are secure (HTTPS only)',
    async (sample) => {
      const response = await sample.send(secure);
      expect(response.statusCode).toBe(sample.status);
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    },
  );

  it.each(samples.filter((sample) => sample.kind === 'api'))(
    '$name: never stored by a browser or proxy, and a document of nothing if opened',
    async (sample) => {
      const response = await sample.send(app);
      expect(response.headers['cache-control']).toMatch(/^no-store\b/);
      expect(directives(response.headers['content-security-policy']).get('default-src')).toBe("'none'");
    },
  );

  it('keeps the event stream untransformed by proxies', async () => {
    const response = await get('/api/v1/events?once=1', true)(app);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.headers['cache-control']).toBe('no-store, no-transform');
  });

  it('caches hashed assets for good, revalidates the page and other files', async () => {
    expect((await get('/assets/app-1234.js')(app)).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    const icon = await get('/favicon.svg')(app);
    expect(icon.headers['cache-control']).toBe('no-cache');
    // Opened on its own (an SVG is a document), a file of the SPA may load and run nothing.
    expect(directives(icon.headers['content-security-policy']).get('default-src')).toBe("'none'");
    expect((await get('/g/sales')(app)).headers['cache-control']).toBe('no-cache');
  });

  it('gives the SPA a CSP that loads images only from Plein itself, never from an outside host', async () => {
    const csp = directives((await get('/u/someone')(app)).headers['content-security-policy']);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('img-src')).toBe("'self' data: blob:");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'self'");
    expect(csp.has('script-src')).toBe(false);
  });

  it('answers a revalidated page (304) without a CSP of its own, so the copy the browser kept keeps its own', async () => {
    const db = await testDatabase();
    const config = { ...testConfig({}), disableCspForTests: true };
    const { app: withoutCsp } = await buildApp({ config, db, logger: false, webRoot: fakeBuild() });
    try {
      for (const on of [app, withoutCsp]) {
        const first = await get('/t/1-a-thread')(on);
        const again = await client(on, null).get('/t/1-a-thread', {
          headers: {
            'if-none-match': String(first.headers.etag),
            'if-modified-since': String(first.headers['last-modified']),
          },
        });
        expect(again.statusCode).toBe(304);
        // Merged into the kept page, a "document of nothing" CSP would stop the app (a blank page).
        expect([undefined, first.headers['content-security-policy']]).toContain(
          again.headers['content-security-policy'],
        );
      }
    } finally {
      await withoutCsp.close();
    }
  });

  it('gives /api/docs a CSP that lets swagger-ui run its own scripts, and no inline or outside ones', async () => {
    for (const url of ['/api/docs', '/api/docs/', '/api/docs/static/index.html']) {
      const response = await get(url)(app);
      expect(response.statusCode, url).toBeLessThan(400);
      const csp = directives(response.headers['content-security-policy']);
      expect(csp.get('default-src'), url).toBe("'self'");
      expect(csp.get('script-src'), url).toBe("'self'");
      expect(csp.get('img-src'), url).toBe("'self' data:");
      expect(csp.get('object-src'), url).toBe("'none'");
      expect(csp.get('frame-ancestors'), url).toBe("'none'");
      expect(response.headers['cache-control'], url).toMatch(/^no-store\b/);
    }
  });
});
