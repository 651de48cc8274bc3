import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installProblemHandler } from './problem.js';
import { registerSpa } from './spa.js';

function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'plein-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Plein</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log("plein")');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

async function spaApp(root: string, options: { csp?: boolean } = {}) {
  const app = Fastify({ logger: false });
  installProblemHandler(app);
  app.get('/api/v1/known', async () => ({ ok: true }));
  const registered = await registerSpa(app, root, options);
  await app.ready();
  return { app, registered };
}

describe('the SPA from the same origin', () => {
  it('serves index.html for every page path, so deep links survive a reload', async () => {
    const { app } = await spaApp(fakeBuild());
    for (const url of ['/', '/t/12-how-do-i-start', '/g/sales', '/u/jan.devries?tab=activity', '/login']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('leaves out only the CSP when the test switch says so', async () => {
    const { app } = await spaApp(fakeBuild(), { csp: false });
    const response = await app.inject({ url: '/t/12-how-do-i-start' });
    expect(response.headers['content-security-policy']).toBeUndefined();
    // The other headers are the security-headers hook's (security-headers.test.ts); the page's own stay.
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root">');
  });

  it('serves built files as they are, hashed assets cached for good', async () => {
    const { app } = await spaApp(fakeBuild());
    const asset = await app.inject({ url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toContain('plein');
    expect(asset.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the APIs apart: an unknown /api or /scim path is a problem+json 404, a known one still answers', async () => {
    const { app } = await spaApp(fakeBuild());
    for (const url of ['/api/v1/nothing-here', '/scim/v2/Nope', '/api']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await app.inject({ url: '/api/v1/known' })).json()).toEqual({ ok: true });
  });

  it('never serves a file outside the build, whatever the path says', async () => {
    const { app } = await spaApp(fakeBuild());
    for (const url of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret']) {
      const response = await app.inject({ url });
      expect(response.body, url).toContain('<div id="root">');
    }
  });

  it('does nothing when the web app has not been built', async () => {
    const { app, registered } = await spaApp(mkdtempSync(join(tmpdir(), 'plein-empty-')));
    expect(registered).toBe(false);
    expect((await app.inject({ url: '/g/sales' })).statusCode).toBe(404);
  });
});
