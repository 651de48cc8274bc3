import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import {
  buildCommunity,
  buildPerson,
  buildReply,
  buildThread,
  type TestPerson,
} from '../../test/factories.js';
import { testDatabase } from '../../test/harness.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

const countsOf = async (table: 'threads' | 'replies', id: string) =>
  (await db.pool.query(`select reaction_counts from ${table} where id = $1`, [id])).rows[0]!.reaction_counts;

/** What the triggers must keep: the counts recomputed from the reactions themselves. */
const recounted = async (table: 'thread_reactions' | 'reply_reactions', column: string, id: string) => {
  const { rows } = await db.pool.query<{ kind: string; n: number }>(
    `select kind, count(*)::int as n from ${table} where ${column} = $1 group by kind`,
    [id],
  );
  return Object.fromEntries(rows.map((row) => [row.kind, row.n]));
};

async function postsWithReactors(reactors: number) {
  const author = await buildPerson(db.pool);
  const people: TestPerson[] = [];
  for (let i = 0; i < reactors; i++) people.push(await buildPerson(db.pool));
  const community = await buildCommunity(db.pool, { owners: [author], members: people });
  const threads = [
    await buildThread(db.pool, { author, community }),
    await buildThread(db.pool, { author, community }),
  ];
  const reply = await buildReply(db.pool, { thread: threads[0]!, author });
  return { people, threads, reply };
}

describe('reaction counts kept on each post', () => {
  it('counts a bulk insert over several posts and kinds, each post apart', async () => {
    const { people, threads, reply } = await postsWithReactors(3);
    const [a, b, c] = people.map((p) => p.id);
    await db.pool.query(
      `insert into thread_reactions (thread_id, person_id, kind)
       values ($1, $3, 'like'), ($1, $4, 'like'), ($1, $4, 'thanks'), ($2, $5, 'love')`,
      [threads[0]!.id, threads[1]!.id, a, b, c],
    );
    await db.pool.query(
      `insert into reply_reactions (reply_id, person_id, kind) values ($1, $2, 'insightful'), ($1, $3, 'insightful')`,
      [reply.id, a, c],
    );
    expect(await countsOf('threads', threads[0]!.id)).toEqual({ like: 2, thanks: 1 });
    expect(await countsOf('threads', threads[1]!.id)).toEqual({ love: 1 });
    expect(await countsOf('replies', reply.id)).toEqual({ insightful: 2 });
  });

  it('lowers the counts when reactions go by a cascade, and leaves out a kind that reaches zero', async () => {
    const { people, threads, reply } = await postsWithReactors(2);
    const [leaving, staying] = people;
    const thread = threads[0]!.id;
    await db.pool.query(
      `insert into thread_reactions (thread_id, person_id, kind) values ($1, $2, 'like'), ($1, $3, 'like'), ($1, $2, 'laugh')`,
      [thread, leaving!.id, staying!.id],
    );
    await db.pool.query(`insert into reply_reactions (reply_id, person_id, kind) values ($1, $2, 'thanks')`, [
      reply.id,
      leaving!.id,
    ]);
    // Erasing a person removes their reactions through the foreign keys' cascade, not through Plein's code.
    await db.pool.query('delete from people where id = $1', [leaving!.id]);
    expect(await countsOf('threads', thread)).toEqual({ like: 1 });
    expect(await countsOf('threads', thread)).toEqual(
      await recounted('thread_reactions', 'thread_id', thread),
    );
    expect(await countsOf('replies', reply.id)).toEqual({});
  });

  it('loses no reaction when many people react to one post at the same moment', async () => {
    const { people, threads } = await postsWithReactors(12);
    const thread = threads[0]!.id;
    // Each on a connection of its own (on PGlite they queue for its one connection).
    await Promise.all(
      people.map((p, i) =>
        db.pool.query('insert into thread_reactions (thread_id, person_id, kind) values ($1, $2, $3)', [
          thread,
          p.id,
          i % 3 === 0 ? 'celebrate' : 'like',
        ]),
      ),
    );
    await Promise.all(
      people
        .slice(0, 5)
        .map((p) =>
          db.pool.query(
            `delete from thread_reactions where thread_id = $1 and person_id = $2 and kind = 'like'`,
            [thread, p.id],
          ),
        ),
    );
    const counts = await countsOf('threads', thread);
    expect(counts).toEqual(await recounted('thread_reactions', 'thread_id', thread));
    // 12 reactors: 4 celebrate (0, 3, 6, 9), 8 like, of which 3 of the first five (1, 2, 4) took theirs back.
    expect(counts).toEqual({ celebrate: 4, like: 5 });
  });
});
