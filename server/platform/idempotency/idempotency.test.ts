import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectRejected } from '../../modules/threads/testing.js';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, tokenFor, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { manualClock } from '../clock.js';
import { inTransaction } from '../db/database.js';
import { installProblemHandler, Problem } from '../http/problem.js';
import { registerRoutes } from '../http/register.js';
import { defineRoute } from '../http/route.js';
import { idempotencySweepJob } from './idempotency.js';

const clock = manualClock(new Date('2026-12-06T09:00:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;
const count = async (sql: string, params: unknown[]) =>
  (await ctx.db.pool.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n;

beforeAll(async () => {
  ctx = await testApp({ clock });
});

async function author() {
  const person = await buildPerson(ctx.db.pool);
  return { ...person, api: client(ctx.app, await tokenFor(ctx.db.pool, person)) };
}

const threadIn = (slug: string, title = unique('Idempotent')) => ({
  communitySlug: slug,
  kind: 'discussion',
  title,
  body: 'Once, please.',
});

describe('Idempotency-Key on creates', () => {
  it('a retry with the same key gets the first answer, byte for byte, and creates nothing new', async () => {
    const me = await author();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'open' });
    const body = threadIn(community.slug);
    const headers = { 'idempotency-key': 'f0e1d2c3-retry-1' };
    const first = await me.api.post('/api/v1/threads', body, { headers });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const retry = await me.api.post('/api/v1/threads', body, { headers });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toMatch(/^application\/json/);
    expect(retry.body).toBe(first.body);
    expect(await count('threads where title = $1', [body.title])).toBe(1);
    expect(await count('events where thread_id = $1', [first.json().id])).toBe(1);
  });

  it('works for replies too, and a key is the person’s own: someone else’s same key is a new create', async () => {
    const me = await author();
    const other = await author();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'open' });
    const thread = (await me.api.post('/api/v1/threads', threadIn(community.slug))).json();
    const headers = { 'idempotency-key': 'reply-key-1' };
    const url = `/api/v1/threads/${thread.id}/replies`;
    const first = await me.api.post(url, { body: 'Agreed.' }, { headers });
    const again = await me.api.post(url, { body: 'Agreed.' }, { headers });
    const theirs = await other.api.post(url, { body: 'Agreed.' }, { headers });
    expect([first.statusCode, again.statusCode, theirs.statusCode]).toEqual([201, 201, 201]);
    expect(again.json().id).toBe(first.json().id);
    expect(theirs.json().id).not.toBe(first.json().id);
    expect(await count('replies where thread_id = $1', [thread.id])).toBe(2);
  });

  it('concurrent retries with one key create one thread, and all of them get its answer', async () => {
    const me = await author();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'open' });
    const body = threadIn(community.slug);
    const headers = { 'idempotency-key': 'burst-1' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => me.api.post('/api/v1/threads', body, { headers })),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(await count('threads where title = $1', [body.title])).toBe(1);
  });

  it('the same key with a different request is a 422 problem+json, and changes nothing', async () => {
    const me = await author();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'open' });
    const headers = { 'idempotency-key': 'reused-key' };
    expect((await me.api.post('/api/v1/threads', threadIn(community.slug), { headers })).statusCode).toBe(
      201,
    );
    const response = await expectRejected(
      ctx.db.pool,
      () => me.api.post('/api/v1/threads', threadIn(community.slug), { headers }),
      422,
      'idempotency-key',
    );
    expect(response.json()).toMatchObject({ status: 422, title: 'Unprocessable Content' });
  });

  it.each([
    ['too long', 'k'.repeat(129)],
    ['with a space', 'two words'],
    ['with a slash', 'a/b'],
    ['empty', ''],
  ])('a key %s is a 400 problem+json naming the header, and changes nothing', async (_what, key) => {
    const me = await author();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'open' });
    const response = await expectRejected(
      ctx.db.pool,
      () => me.api.post('/api/v1/threads', threadIn(community.slug), { headers: { 'idempotency-key': key } }),
      400,
      'idempotency-key',
    );
    expect(response.json().detail).toMatch(/idempotency-key/);
  });

  it('a refused create keeps no key: the retry is handled afresh', async () => {
    const me = await author();
    const headers = { 'idempotency-key': 'refused-first' };
    const body = threadIn('no-such-community-anywhere');
    expect((await me.api.post('/api/v1/threads', body, { headers })).statusCode).toBe(404);
    expect(await count('idempotency_keys where person_id = $1', [me.id])).toBe(0);
  });

  it('a key is remembered for 24 hours; after that the same key creates again, and the sweep forgets it', async () => {
    const me = await author();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'open' });
    const body = threadIn(community.slug);
    const headers = { 'idempotency-key': 'a-day-long' };
    const first = await me.api.post('/api/v1/threads', body, { headers });
    clock.advance(24 * 3_600_000 - 1_000);
    expect((await me.api.post('/api/v1/threads', body, { headers })).json().id).toBe(first.json().id);
    clock.advance(2_000);
    const later = await me.api.post('/api/v1/threads', body, { headers });
    expect(later.statusCode).toBe(201);
    expect(later.json().id).not.toBe(first.json().id);
    expect(await count('threads where title = $1', [body.title])).toBe(2);

    clock.advance(24 * 3_600_000);
    await idempotencySweepJob.run(ctx.deps);
    expect(await count('idempotency_keys where person_id = $1', [me.id])).toBe(0);
  });

  it('the OpenAPI document declares the header and the 422 on the creates that accept it', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/threads', '/api/v1/threads/{id}/replies', '/api/v1/groups']) {
      const post = doc.paths[path].post;
      expect(post.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]),
      );
      expect(post.responses).toHaveProperty('422');
    }
    expect(doc.paths['/api/v1/threads/{id}'].patch.parameters ?? []).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key' })]),
    );
  });
});

describe('an idempotent route is one transaction with its key', () => {
  it('when the handler fails after its own transaction committed, that write is undone too', async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.decorateRequest('viewer', null);
    installProblemHandler(app);
    await app.register(cookie);
    const marker = unique('half-done');
    registerRoutes(app, ctx.deps, [
      defineRoute({
        method: 'POST',
        url: '/test/half-done',
        auth: 'person',
        rateLimit: 'none',
        summary: 'writes, then fails',
        tags: [],
        status: 201,
        idempotent: true,
        schema: { response: { 201: z.object({}) } },
        handler: async ({ deps }) => {
          await inTransaction(deps.db.pool, (tx) =>
            deps.bus.record(tx, { type: 'test', payload: { marker } }),
          );
          throw new Problem(409, 'Conflict', 'failed after the write');
        },
      }),
    ]);
    await app.ready();
    const me = await buildPerson(ctx.db.pool);
    const api = client(app, await tokenFor(ctx.db.pool, me));
    const failed = await api.post('/test/half-done', undefined, { headers: { 'idempotency-key': 'half-1' } });
    expect(failed.statusCode).toBe(409);
    expect(await count(`events where payload->>'marker' = $1`, [marker])).toBe(0);
    // Without a key the same handler's own transaction stands: the key is what makes it all-or-nothing.
    expect((await api.post('/test/half-done')).statusCode).toBe(409);
    expect(await count(`events where payload->>'marker' = $1`, [marker])).toBe(1);
    await app.close();
  });
});
