import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, tokenFor } from '../../test/factories.js';
import { testConfig, testDatabase } from '../../test/harness.js';
import { type MailRuntime, startMail } from './queue.js';

// The List-Unsubscribe address is both the one-click POST (the server's route) and, for a GET, the SPA's
// confirmation page: this holds the two apart on the real app with a web build in place.
const PAGE = '<!doctype html><title>Plein</title><div id="root"></div>';
let app: Awaited<ReturnType<typeof buildApp>>['app'];
let deps: Awaited<ReturnType<typeof buildApp>>['deps'];
let mail: MailRuntime;

beforeAll(async () => {
  const webRoot = mkdtempSync(join(tmpdir(), 'plein-web-'));
  writeFileSync(join(webRoot, 'index.html'), PAGE);
  ({ app, deps } = await buildApp({
    config: testConfig(),
    db: await testDatabase(),
    logger: false,
    webRoot,
  }));
  await app.ready();
  mail = await startMail(deps, { pumpEveryMs: 60_000, digests: false });
});
afterAll(async () => {
  await mail.stop();
  await app.close();
});

describe('the unsubscribe link of a mail', () => {
  it('opens the confirmation page on GET, unsubscribes on POST, and the mail’s footer links the same page', async () => {
    const db = deps.db.pool;
    const author = await buildPerson(db);
    const reader = await buildPerson(db);
    const community = await buildCommunity(db, { members: [author, reader] });
    const posted = await client(app, await tokenFor(db, author)).post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'discussion',
      title: 'Who has the keys?',
      body: `@${reader.handle} do you?`,
    });
    expect(posted.statusCode).toBe(201);
    await mail.pump();
    const { rows } = await db.query<{
      headers: Record<string, string>;
      text_body: string;
      html_body: string;
    }>('select headers, text_body, html_body from outbound_mail where person_id = $1', [reader.id]);
    expect(rows).toHaveLength(1);
    const link = rows[0]!.headers['List-Unsubscribe']!.slice(1, -1);
    expect(link).toMatch(/^https?:\/\/[^/]+\/unsubscribe\/v1\.[0-9a-z.]+$/);
    expect(rows[0]!.text_body.split('\n').at(-1)).toMatch(new RegExp(`: ${link.replaceAll('.', '\\.')}$`));
    expect(rows[0]!.html_body).toContain(`href="${link}"`);
    const path = new URL(link).pathname;

    // A mail client's or a person's GET: the page, which changes nothing.
    for (const method of ['GET', 'HEAD'] as const) {
      const page = await app.inject({ method, url: path });
      expect(page.statusCode, method).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      if (method === 'GET') expect(page.body).toBe(PAGE);
    }
    const me = client(app, await tokenFor(db, reader));
    expect((await me.get('/api/v1/me/mail')).json().kinds.mention).toBe('email');
    const token = path.split('/').at(-1)!;
    const preview = await app.inject({ method: 'GET', url: `/api/v1/mail/unsubscribe/${token}` });
    expect(preview.json()).toEqual({ scope: 'mention', alreadyOff: false });

    // The page's button: a JSON POST to the same address, without sign-in.
    const oneClick = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json' },
      payload: { 'List-Unsubscribe': 'One-Click' },
    });
    expect(oneClick.statusCode, oneClick.body).toBe(200);
    expect(oneClick.json()).toEqual({ scope: 'mention', unsubscribed: true });
    expect((await me.get('/api/v1/me/mail')).json().kinds.mention).toBe('app');
  });

  it('serves the page for a token it did not sign too (the page says so); the POST refuses it', async () => {
    const url = '/unsubscribe/v1.1.mention.00000000000000000000';
    const page = await app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(PAGE);
    const preview = await app.inject({
      method: 'GET',
      url: `/api/v1${url.replace('/unsubscribe', '/mail/unsubscribe')}`,
    });
    expect(preview.statusCode).toBe(404);
    const refused = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: {},
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
