import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildReply, buildThread, type TestPerson } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { actor, expectRejected as rejected } from './testing.js';

// Issue 17, defect 2: nobody removes what they cannot read; that goes through a report to the owners.

let ctx: Awaited<ReturnType<typeof testApp>>;
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);

beforeAll(async () => {
  ctx = await testApp();
});

const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number) =>
  rejected(ctx.db.pool, send, status);

/** A community with an owner and a member, the member's thread and a reply in it. */
async function place(visibility: 'open' | 'closed' | 'secret', extraMembers: TestPerson[] = []) {
  const owner = await person();
  const member = await person();
  const community = await buildCommunity(ctx.db.pool, {
    visibility,
    owners: [owner],
    members: [member, ...extraMembers],
  });
  const thread = await buildThread(ctx.db.pool, { author: member, community });
  const reply = await buildReply(ctx.db.pool, { thread, author: member });
  return { owner, member, community, thread, reply };
}

const removedAt = async (table: 'threads' | 'replies', id: string) =>
  (
    await ctx.db.pool.query<{ deleted_at: Date | null }>(`select deleted_at from ${table} where id = $1`, [
      id,
    ])
  ).rows[0]!.deleted_at;

describe('removing threads and replies one cannot read', () => {
  it('refuses an admin removing a thread of a closed community they are not in (403 that says why)', async () => {
    const admin = await person({ role: 'admin' });
    const { thread } = await place('closed');
    const refused = await expectRejected(() => admin.api.delete(`/api/v1/threads/${thread.id}`), 403);
    expect(refused.json().detail).toMatch(/cannot read.*report it to (its|the community's) owners/i);
    expect(await removedAt('threads', thread.id)).toBeNull();
  });

  it('refuses an admin removing a reply of a closed community they are not in', async () => {
    const admin = await person({ role: 'admin' });
    const { reply } = await place('closed');
    const refused = await expectRejected(() => admin.api.delete(`/api/v1/replies/${reply.id}`), 403);
    expect(refused.json().detail).toMatch(/cannot read.*owners/i);
    expect(await removedAt('replies', reply.id)).toBeNull();
  });

  it('answers 404 for a secret community: the admin may not know the thread exists', async () => {
    const admin = await person({ role: 'admin' });
    const { thread, reply } = await place('secret');
    await expectRejected(() => admin.api.delete(`/api/v1/threads/${thread.id}`), 404);
    await expectRejected(() => admin.api.delete(`/api/v1/replies/${reply.id}`), 404);
  });

  it('refuses a community manager outside a closed community just the same', async () => {
    const manager = await person({ role: 'community_manager' });
    const { thread, reply } = await place('closed');
    await expectRejected(() => manager.api.delete(`/api/v1/threads/${thread.id}`), 403);
    await expectRejected(() => manager.api.delete(`/api/v1/replies/${reply.id}`), 403);
  });

  it('keeps removal for admins who can read: in open communities and ones they are a member of', async () => {
    const admin = await person({ role: 'admin' });
    const open = await place('open');
    expect((await admin.api.delete(`/api/v1/replies/${open.reply.id}`)).statusCode).toBe(204);
    expect((await admin.api.delete(`/api/v1/threads/${open.thread.id}`)).statusCode).toBe(204);
    const closed = await place('closed', [admin]);
    expect((await admin.api.delete(`/api/v1/threads/${closed.thread.id}`)).statusCode).toBe(204);
    expect(await removedAt('threads', closed.thread.id)).not.toBeNull();
  });
});
