import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../platform/db/database.js';
import {
  buildCommunity,
  buildPerson,
  buildReply,
  buildThread,
  type TestPerson,
  type TestThread,
  unique,
} from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});

async function accept(db: Queryable, thread: TestThread, replyId: string, at: string) {
  await db.query(
    `update threads set accepted_reply_id = $2, accepted_at = $3, status = 'answered' where id = $1`,
    [thread.id, replyId, at],
  );
}

/** A question by `asker` with a reply by `answerer`, accepted at `at`. */
async function answered(
  db: Queryable,
  options: {
    asker: TestPerson;
    answerer: TestPerson;
    community: { id: string; slug: string; name: string } | null;
    at: string;
  },
) {
  const thread = await buildThread(db, {
    author: options.asker,
    community: options.community,
    kind: 'question',
  });
  const reply = await buildReply(db, { thread, author: options.answerer });
  await accept(db, thread, reply.id, options.at);
  return thread;
}

async function idea(
  db: Queryable,
  author: TestPerson,
  community: { id: string; slug: string; name: string },
  status: string,
  at?: string,
) {
  const thread = await buildThread(db, { author, community, kind: 'idea' });
  await db.query('update threads set status = $2 where id = $1', [thread.id, status]);
  if (at) {
    await db.query(
      `insert into thread_status_changes (thread_id, from_status, to_status, note, changed_by, created_at)
       values ($1, 'under_review', $2, 'Decided', $3, $4)`,
      [thread.id, status, author.id, at],
    );
  }
  return thread;
}

async function praise(
  db: Queryable,
  author: TestPerson,
  recipient: TestPerson,
  community: { id: string; slug: string; name: string } | null,
) {
  const thread = await buildThread(db, { author, community, kind: 'praise' });
  await db.query('insert into praise_recipients (thread_id, person_id) values ($1, $2)', [
    thread.id,
    recipient.id,
  ]);
  return thread;
}

const contributionsOf = async (who: Actor, handle: string) => {
  const response = await who.api.get(`/api/v1/people/${handle}/contributions`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

const counts = (body: Record<string, { count: number }>) => ({
  acceptedAnswers: body.acceptedAnswers!.count,
  ideasRealised: body.ideasRealised!.count,
  praiseReceived: body.praiseReceived!.count,
});

describe('GET /api/v1/people/:handle/contributions', () => {
  it('counts outcomes tied to the person, only over threads the viewer may read', async () => {
    const db = ctx.db.pool;
    const person = await actor(ctx.app, db);
    const asker = await buildPerson(db);
    const outsider = await actor(ctx.app, db);
    const insider = await actor(ctx.app, db);
    const open = await buildCommunity(db, { name: `Open ${unique('c')}` });
    const closed = await buildCommunity(db, { visibility: 'closed', members: [person, asker, insider] });
    const secret = await buildCommunity(db, { visibility: 'secret', members: [person, asker] });

    // Accepted answers: open (counts), closed (members only), outside any community (counts).
    const q1 = await answered(db, { asker, answerer: person, community: open, at: '2026-02-01T10:00:00Z' });
    const q2 = await answered(db, { asker, answerer: person, community: closed, at: '2026-02-03T10:00:00Z' });
    const q6 = await answered(db, { asker, answerer: person, community: null, at: '2026-02-02T10:00:00Z' });
    // Not theirs to count: their own question, someone else's accepted reply, a removed thread.
    await answered(db, { asker: person, answerer: person, community: open, at: '2026-02-04T10:00:00Z' });
    const other = await answered(db, { asker, answerer: asker, community: open, at: '2026-02-04T10:00:00Z' });
    await buildReply(db, { thread: other, author: person });
    const removed = await answered(db, {
      asker,
      answerer: person,
      community: open,
      at: '2026-02-05T10:00:00Z',
    });
    await db.query('update threads set deleted_at = now() where id = $1', [removed.id]);

    // Ideas: planned in the open one, done in the closed one; new, declined and someone else's do not count.
    const planned = await idea(db, person, open, 'planned', '2026-01-10T08:00:00Z');
    const done = await idea(db, person, closed, 'done', '2026-01-12T08:00:00Z');
    await idea(db, person, open, 'new');
    await idea(db, person, open, 'declined', '2026-01-11T08:00:00Z');
    await idea(db, asker, open, 'done', '2026-01-11T08:00:00Z');

    // Praise: in the open one (counts), in the secret one (its members only), of someone else (not theirs).
    const praised = await praise(db, asker, person, open);
    await praise(db, asker, person, secret);
    await praise(db, person, asker, open);

    const seenByOutsider = await contributionsOf(outsider, person.handle);
    expect(counts(seenByOutsider)).toEqual({ acceptedAnswers: 2, ideasRealised: 1, praiseReceived: 1 });
    expect(seenByOutsider.ideasRealised).toMatchObject({ planned: 1, done: 0 });
    expect(seenByOutsider.person.handle).toBe(person.handle);
    expect(seenByOutsider.acceptedAnswers.recent).toEqual([
      expect.objectContaining({ threadId: q6.id, community: null, at: '2026-02-02T10:00:00.000Z' }),
      expect.objectContaining({
        threadId: q1.id,
        kind: 'question',
        status: 'answered',
        community: { slug: open.slug, name: open.name },
        at: '2026-02-01T10:00:00.000Z',
      }),
    ]);
    expect(seenByOutsider.ideasRealised.recent).toEqual([
      expect.objectContaining({ threadId: planned.id, status: 'planned', at: '2026-01-10T08:00:00.000Z' }),
    ]);
    expect(seenByOutsider.praiseReceived.recent).toEqual([expect.objectContaining({ threadId: praised.id })]);
    expect(JSON.stringify(seenByOutsider)).not.toContain(closed.slug);
    expect(JSON.stringify(seenByOutsider)).not.toContain(secret.slug);

    const seenByInsider = await contributionsOf(insider, person.handle);
    expect(counts(seenByInsider)).toEqual({ acceptedAnswers: 3, ideasRealised: 2, praiseReceived: 1 });
    expect(seenByInsider.ideasRealised).toMatchObject({ planned: 1, done: 1 });
    expect(seenByInsider.acceptedAnswers.recent.map((item: { threadId: string }) => item.threadId)).toEqual([
      q2.id,
      q6.id,
      q1.id,
    ]);
    expect(seenByInsider.ideasRealised.recent.map((item: { threadId: string }) => item.threadId)).toEqual([
      done.id,
      planned.id,
    ]);

    expect(counts(await contributionsOf(person, person.handle))).toEqual({
      acceptedAnswers: 3,
      ideasRealised: 2,
      praiseReceived: 2,
    });
  });

  it('shows at most five recent items while counting all, and zeros for someone new', async () => {
    const db = ctx.db.pool;
    const person = await actor(ctx.app, db);
    const asker = await buildPerson(db);
    const viewer = await actor(ctx.app, db);
    for (let day = 1; day <= 7; day++) {
      await answered(db, { asker, answerer: person, community: null, at: `2026-03-0${day}T09:00:00Z` });
    }
    const body = await contributionsOf(viewer, person.handle);
    expect(body.acceptedAnswers.count).toBe(7);
    expect(body.acceptedAnswers.recent.map((item: { at: string }) => item.at.slice(0, 10))).toEqual([
      '2026-03-07',
      '2026-03-06',
      '2026-03-05',
      '2026-03-04',
      '2026-03-03',
    ]);
    const fresh = await buildPerson(db);
    expect(await contributionsOf(viewer, fresh.handle)).toMatchObject({
      acceptedAnswers: { count: 0, recent: [] },
      ideasRealised: { count: 0, planned: 0, done: 0, recent: [] },
      praiseReceived: { count: 0, recent: [] },
    });
  });

  it('answers 404 for an unknown person and 400 for a malformed handle', async () => {
    const viewer = await actor(ctx.app, ctx.db.pool);
    expect((await viewer.api.get(`/api/v1/people/${unique('nobody')}/contributions`)).statusCode).toBe(404);
    expect((await viewer.api.get('/api/v1/people/Not%20A%20Handle/contributions')).statusCode).toBe(400);
  });
});
