import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { testConfig, testDatabase } from '../../test/harness.js';
import { Preparing } from './preparing.js';

let app: Awaited<ReturnType<typeof buildApp>>['app'];
const preparing = new Preparing();
let webRoot: string;
let finishBuild: () => void;

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'plein-preparing-'));
  const webBuilding = new Promise<void>((resolve) => {
    finishBuild = resolve;
  });
  ({ app } = await buildApp({
    config: testConfig(),
    db: await testDatabase(),
    logger: false,
    preparing,
    webRoot,
    webBuilding,
  }));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('the first start, listening before it is ready', () => {
  it('says the process is up, and that it is not ready yet, with when to ask again', async () => {
    expect((await get('/healthz')).statusCode).toBe(200);
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.headers['retry-after']).toBe('3');
    expect(ready.json().detail).toMatch(/preparing the demo organisation/);
  });

  it('answers the API with a problem, changing nothing', async () => {
    const me = await get('/api/v1/me', { accept: 'text/html' });
    expect(me.statusCode).toBe(503);
    expect(me.headers['content-type']).toMatch(/^application\/problem\+json/);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'not a password' },
    });
    expect(login.statusCode).toBe(503);
  });

  it('shows a browser a page that says so in its language and reloads itself', async () => {
    const dutch = await get('/g/iedereen', {
      accept: 'text/html',
      'accept-language': 'nl-BE,nl;q=0.9,en;q=0.5',
    });
    expect(dutch.statusCode).toBe(503);
    expect(dutch.headers['content-type']).toMatch(/^text\/html/);
    expect(dutch.body).toContain('<html lang="nl">');
    expect(dutch.body).toContain('Plein wordt klaargezet');
    expect(dutch.body).toMatch(/<meta http-equiv="refresh" content="3">/);
    expect(dutch.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(dutch.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    const english = await get('/', { accept: 'text/html', 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Plein is getting ready');
    // No preference the server knows: the organisation's language.
    const other = await get('/', { accept: 'text/html', 'accept-language': 'de-DE' });
    expect(other.body).toContain(`<html lang="${testConfig().language}">`);
  });

  it('once finished, is ready and serves the web app built in the meantime', async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Plein app</title>');
    finishBuild();
    preparing.finish();
    await expect.poll(async () => (await get('/readyz')).statusCode).toBe(200);
    const page = await get('/g/iedereen', { accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Plein app');
    expect((await get('/api/v1/me')).statusCode).toBe(401);
  });
});
