import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { processPendingFiles } from '../attachments/jobs.js';
import { drain } from '../attachments/testing.js';
import { processPendingPreviews } from './job.js';
import { RefusedFetch, type SafeFetchOptions, safeFetch } from './safe-fetch.js';

let site: Server;
let port: number;
const seen: IncomingMessage[] = [];
let picture: Buffer;

/** A small website on 127.0.0.1: a page with Open Graph tags and its image, redirects, a cookie, a big page. */
beforeAll(async () => {
  picture = await sharp({ create: { width: 120, height: 60, channels: 3, background: '#16a085' } })
    .png()
    .toBuffer();
  site = createServer((request, response) => {
    seen.push(request);
    const url = new URL(request.url!, 'http://site');
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to) {
      response.writeHead(302, { location: to, 'set-cookie': 'tracking=1' }).end();
    } else if (url.pathname === '/page') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<html><head><title>Fallback</title>
         <meta property="og:title" content="Kwartaalcijfers &amp; plannen">
         <meta property="og:description" content="Wat we dit kwartaal deden.">
         <meta property="og:site_name" content="Intranet">
         <meta property="og:image" content="/picture.png"></head><body>hi</body></html>`,
      );
    } else if (url.pathname === '/picture.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(picture);
    } else if (url.pathname === '/huge') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(2 * 1024 * 1024));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  port = (site.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => site.close(resolve)));

const options = (testAddresses: string[] = []): SafeFetchOptions => ({
  accept: '*/*',
  maxBytes: 1024 * 1024,
  overLimit: 'refuse',
  timeoutMs: 5_000,
  maxRedirects: 3,
  testAddresses,
});

describe('fetching for previews, with the test allowance off', () => {
  it.each([
    () => `http://127.0.0.1:${port}/page`,
    () => `http://10.0.0.1/`,
    () => `http://169.254.169.254/latest/meta-data/`,
    () => `http://[::1]:${port}/page`,
    () => `http://[::ffff:127.0.0.1]:${port}/page`,
    () => `http://localhost:${port}/page`,
    () => `http://0x7f.1:${port}/page`,
    () => `ftp://127.0.0.1/file`,
    () => `file:///etc/passwd`,
  ])('refuses %s without reaching it', async (target) => {
    const before = seen.length;
    await expect(safeFetch(target(), options())).rejects.toBeInstanceOf(RefusedFetch);
    expect(seen.length).toBe(before);
  });
});

describe('fetching for previews, with the test site allowed', () => {
  it('fetches the allowed test site, without cookies, its Host header kept', async () => {
    const page = await safeFetch(`http://127.0.0.1:${port}/page`, options(['127.0.0.1']));
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('og:title');
    expect(seen.at(-1)!.headers.host).toBe(`127.0.0.1:${port}`);
  });

  it.each([
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'http://10.1.2.3/',
    () => `http://[::1]:${port}/page`,
    () => `http://[::ffff:127.0.0.1]:${port}/page`,
    () => `http://127.0.0.2:${port}/page`,
    () => 'gopher://127.0.0.1/',
  ])('refuses a redirect into %s', async (target) => {
    const before = seen.length;
    const start = `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(target())}`;
    await expect(safeFetch(start, options(['127.0.0.1']))).rejects.toBeInstanceOf(RefusedFetch);
    // Only the redirect itself was served; its target was never asked.
    expect(seen.length).toBe(before + 1);
  });

  it('follows an allowed redirect, sending no cookie it was given', async () => {
    const start = `http://127.0.0.1:${port}/redirect?to=/page`;
    const page = await safeFetch(start, options(['127.0.0.1']));
    expect(page.url).toBe(`http://127.0.0.1:${port}/page`);
    expect(seen.at(-1)!.headers.cookie).toBeUndefined();
  });

  it('stops after the redirect limit and refuses an image over the size limit', async () => {
    let chain = `http://127.0.0.1:${port}/page`;
    for (let i = 0; i < 4; i++) chain = `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(chain)}`;
    await expect(safeFetch(chain, options(['127.0.0.1']))).rejects.toThrow(/redirects/);
    await expect(safeFetch(`http://127.0.0.1:${port}/huge`, options(['127.0.0.1']))).rejects.toThrow(
      /larger/,
    );
  });
});

describe('link previews on posts', () => {
  it('shows a preview with title, description, site and a stored image on the thread page and in its summary', async () => {
    const ctx = await testApp({ config: { linkPreviews: { enabled: true, testAddresses: ['127.0.0.1'] } } });
    const person = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [person] });
    const api = client(ctx.app, await tokenFor(ctx.db.pool, person));
    const link = `http://127.0.0.1:${port}/page`;
    const thread = (
      await api.post('/api/v1/threads', {
        communitySlug: community.slug,
        kind: 'discussion',
        title: 'Cijfers',
        body: `Lees ${link}.`,
      })
    ).json();
    await drain(() => processPendingPreviews(ctx.deps));
    await drain(() => processPendingFiles(ctx.deps));
    const { previews } = (await api.get(`/api/v1/threads/${thread.id}/attachments`)).json();
    expect(previews).toEqual([
      {
        id: expect.any(String),
        url: link,
        title: 'Kwartaalcijfers & plannen',
        description: 'Wat we dit kwartaal deden.',
        siteName: 'Intranet',
        image: {
          url: expect.stringMatching(/^\/api\/v1\/attachments\/\d+\/content\?size=web$/),
          width: 120,
          height: 60,
        },
        replyId: null,
      },
    ]);
    const image = await api.get(previews[0].image.url);
    expect(image.statusCode).toBe(200);
    expect((await api.get(`/api/v1/threads/${thread.id}`)).json().linkPreview).toMatchObject({
      title: 'Kwartaalcijfers & plannen',
    });
  });

  it('marks a preview of a refused address as failed and shows none', async () => {
    const ctx = await testApp({ config: { linkPreviews: { enabled: true, testAddresses: [] } } });
    const person = await buildPerson(ctx.db.pool);
    const api = client(ctx.app, await tokenFor(ctx.db.pool, person));
    const before = seen.length;
    const thread = (
      await api.post('/api/v1/threads', { kind: 'update', title: '', body: `http://localhost:${port}/page` })
    ).json();
    await drain(() => processPendingPreviews(ctx.deps));
    expect(seen.length).toBe(before);
    const { rows } = await ctx.db.pool.query('select status from link_previews where thread_id = $1', [
      thread.id,
    ]);
    expect(rows).toEqual([{ status: 'failed' }]);
    expect((await api.get(`/api/v1/threads/${thread.id}/attachments`)).json().previews).toEqual([]);
  });
});
