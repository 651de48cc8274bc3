import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../app.js';
import { goalForLeakSweep } from '../../modules/goals/testing.js';
import { client } from '../client.js';
import { testApp } from '../harness.js';
import { buildWorld, type World } from './world.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let world: World;
let goalId: string;

beforeAll(async () => {
  ctx = await testApp();
  world = await buildWorld(ctx.db.pool);
  goalId = await goalForLeakSweep(ctx.db.pool, Object.values(world.places));
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
    id: [
      open.thread.id,
      closed.thread.id,
      secret.thread.id,
      open.reply.id,
      closed.reply.id,
      secret.reply.id,
      // The theme all three threads are linked to: its threads, participants and figures are swept too.
      w.theme.id,
      // A goal scoped to all three communities with a long-waiting question in each: figures and missed list.
      goalId,
    ],
    tag: [open.marker.toLowerCase(), closed.marker.toLowerCase(), secret.marker.toLowerCase()],
  };
  let urls = [template];
  for (const [name, options] of Object.entries(values)) {
    if (!template.includes(`:${name}`)) continue;
    urls = urls.flatMap((url) => options.map((value) => url.replace(`:${name}`, encodeURIComponent(value))));
  }
  const searches = [closed.marker, secret.marker, 'Secret', 'question'];
  // Similar questions take the title being written instead of q.
  const key = template.endsWith('/similar') ? 'title' : 'q';
  return urls.flatMap((url) => [url, ...searches.map((q) => `${url}?${key}=${encodeURIComponent(q)}`)]);
}

/** Asks every read route as one actor; returns, per forbidden word, the URLs whose answer contained it. */
async function sweep(
  actor: keyof World['credentials'],
  words: string[],
): Promise<{ leaks: string[]; asked: number }> {
  const api = client(ctx.app, world.credentials[actor]);
  const leaks: string[] = [];
  let asked = 0;
  for (const route of readRoutes()) {
    for (const url of urlsFor(route.url, world)) {
      const response = await api.get(url);
      if (response.statusCode >= 500)
        throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
      const { instance: _echo, ...body } = safeJson(response.body);
      const text = JSON.stringify(body).toLowerCase();
      asked++;
      for (const word of words) {
        // A URL that itself names the secret thing may echo it back; nothing else may.
        if (url.toLowerCase().includes(encodeURIComponent(word))) continue;
        if (text.includes(word)) leaks.push(`${url} → "${word}"`);
      }
    }
  }
  return { leaks, asked };
}

const forbiddenWords = () =>
  [world.places.closed.marker, world.places.secret.marker, world.places.secret.community.slug].map((s) =>
    s.toLowerCase(),
  );

describe('no leak of closed or secret content to people outside those communities', () => {
  it.each(['nonMember', 'leader', 'admin'] as const)(
    '%s sees no closed or secret content on any read route',
    async (actor) => {
      const { leaks, asked } = await sweep(actor, forbiddenWords());
      expect(leaks).toEqual([]);
      expect(asked).toBeGreaterThan(50);
    },
    // Several hundred requests per actor: on a shared machine this outgrows the default 30 s.
    180_000,
  );

  it('finds the same words for a member, so the sweep can fail', async () => {
    const { leaks } = await sweep('member', forbiddenWords());
    const found = new Set(leaks.map((leak) => leak.split(' → ')[1]));
    expect(found).toEqual(new Set(forbiddenWords().map((word) => `"${word}"`)));
  }, 180_000);
});
function safeJson(body: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : { body };
  } catch {
    return { body };
  }
}
