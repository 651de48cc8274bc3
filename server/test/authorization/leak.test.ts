import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../app.js';
import { client } from '../client.js';
import { testApp } from '../harness.js';
import { buildWorld, type World } from './world.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let world: World;

beforeAll(async () => {
  ctx = await testApp();
  world = await buildWorld(ctx.db.pool);
});

// Streams are swept by the events module's own tests; everything else that reads is swept here.
const readRoutes = () =>
  allRoutes.filter((route) => route.method === 'GET' && route.url !== '/api/v1/events');

/** Every concrete URL worth asking for a GET route: each value a path parameter could take, each search. */
function urlsFor(template: string, w: World): string[] {
  const { open, closed, secret } = w.places;
  const values: Record<string, string[]> = {
    slug: [open.community.slug, closed.community.slug, secret.community.slug],
    handle: [open.member.handle, open.owner.handle],
    id: [open.thread.id, closed.thread.id, secret.thread.id, open.reply.id, closed.reply.id, secret.reply.id],
    tag: [open.marker.toLowerCase(), closed.marker.toLowerCase(), secret.marker.toLowerCase()],
  };
  let urls = [template];
  for (const [name, options] of Object.entries(values)) {
    if (!template.includes(`:${name}`)) continue;
    urls = urls.flatMap((url) => options.map((value) => url.replace(`:${name}`, encodeURIComponent(value))));
  }
  const searches = [closed.marker, secret.marker, 'Secret', 'question'];
  return urls.flatMap((url) => [url, ...searches.map((q) => `${url}?q=${encodeURIComponent(q)}`)]);
}

describe('no leak of closed or secret content to people outside those communities', () => {
  it.each(['nonMember', 'leader', 'admin'] as const)(
    '%s sees no closed or secret content on any read route',
    async (actor) => {
      const { closed, secret } = world.places;
      const forbidden = [closed.marker, secret.marker, secret.community.slug].map((s) => s.toLowerCase());
      const api = client(ctx.app, world.credentials[actor]);
      const checked: string[] = [];
      for (const route of readRoutes()) {
        for (const url of urlsFor(route.url, world)) {
          const response = await api.get(url);
          if (response.statusCode >= 500)
            throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
          const { instance: _echo, ...body } = safeJson(response.body);
          const text = JSON.stringify(body).toLowerCase();
          for (const word of forbidden) {
            // A URL that itself names the secret thing may echo it back; nothing else may.
            if (url.toLowerCase().includes(encodeURIComponent(word))) continue;
            expect(text, `${url} leaks "${word}"`).not.toContain(word);
          }
          checked.push(url);
        }
      }
      expect(checked.length).toBeGreaterThan(10);
    },
  );

  it('the members themselves do see it, so the sweep above can fail', async () => {
    const { secret } = world.places;
    const response = await client(ctx.app, world.credentials.member).get(
      `/api/v1/people/${secret.member.handle}`,
    );
    expect(response.statusCode).toBe(200);
    const { rows } = await ctx.db.pool.query('select title from threads where id = $1', [secret.thread.id]);
    expect(rows[0].title).toContain(secret.marker);
  });
});

function safeJson(body: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : { body };
  } catch {
    return { body };
  }
}
