import type { Queryable } from '../../platform/db/database.js';

export type PollRow = {
  thread_id: string;
  multiple: boolean;
  anonymous: boolean;
  closes_at: Date | null;
  voter_count: number;
  voted_by_me: boolean;
  options: { id: string; label: string; votes: number; chosen_by_me: boolean }[];
};

export async function insertPoll(
  db: Queryable,
  threadId: string,
  poll: { multiple: boolean; anonymous: boolean; closesAt: Date | null; options: string[] },
): Promise<void> {
  await db.query('insert into polls (thread_id, multiple, anonymous, closes_at) values ($1, $2, $3, $4)', [
    threadId,
    poll.multiple,
    poll.anonymous,
    poll.closesAt,
  ]);
  await db.query(
    `insert into poll_options (thread_id, position, label)
     select $1, o.position, o.label from unnest($2::text[]) with ordinality as o(label, position)`,
    [threadId, poll.options],
  );
}

/** The poll with its options in order, the counts, and what the viewer chose (never kept for anonymous polls). */
export async function findPoll(db: Queryable, threadId: string, viewerId: string): Promise<PollRow | null> {
  const { rows } = await db.query<PollRow>(
    `select p.thread_id::text, p.multiple, p.anonymous, p.closes_at, p.voter_count,
            exists (select 1 from poll_voters v where v.thread_id = p.thread_id and v.person_id = $2) as voted_by_me,
            (select coalesce(json_agg(json_build_object('id', o.id::text, 'label', o.label, 'votes', o.vote_count,
                       'chosen_by_me', exists (select 1 from poll_choices c
                                                where c.option_id = o.id and c.person_id = $2))
                     order by o.position), '[]')
               from poll_options o where o.thread_id = p.thread_id) as options
       from polls p where p.thread_id = $1`,
    [threadId, viewerId],
  );
  return rows[0] ?? null;
}

/** Locks the poll's row so two votes of one person cannot both count. */
export async function lockPoll(db: Queryable, threadId: string): Promise<void> {
  await db.query('select 1 from polls where thread_id = $1 for update', [threadId]);
}

/** Marks the person as having voted; false when they already had. */
export async function markVoter(
  db: Queryable,
  threadId: string,
  personId: string,
  at: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into poll_voters (thread_id, person_id, voted_at) values ($1, $2, $3)
     on conflict do nothing`,
    [threadId, personId, at],
  );
  if (rowCount === 1) {
    await db.query('update polls set voter_count = voter_count + 1 where thread_id = $1', [threadId]);
  }
  return rowCount === 1;
}

export async function unmarkVoter(db: Queryable, threadId: string, personId: string): Promise<boolean> {
  const { rowCount } = await db.query('delete from poll_voters where thread_id = $1 and person_id = $2', [
    threadId,
    personId,
  ]);
  if (rowCount === 1) {
    await db.query('update polls set voter_count = voter_count - 1 where thread_id = $1', [threadId]);
  }
  return rowCount === 1;
}

/** Adds one vote to each option; `personId` is kept with the choice only when given (not anonymous). */
export async function addChoices(
  db: Queryable,
  threadId: string,
  optionIds: string[],
  personId: string | null,
): Promise<void> {
  await db.query(
    'update poll_options set vote_count = vote_count + 1 where thread_id = $1 and id = any($2::bigint[])',
    [threadId, optionIds],
  );
  if (personId === null) return;
  await db.query(
    `insert into poll_choices (option_id, person_id, thread_id)
     select o, $2, $3 from unnest($1::bigint[]) as o`,
    [optionIds, personId, threadId],
  );
}

/** Takes back a named voter's choices (a poll that is not anonymous) and their counts. */
export async function removeChoices(db: Queryable, threadId: string, personId: string): Promise<void> {
  await db.query(
    `with gone as (delete from poll_choices where thread_id = $1 and person_id = $2 returning option_id)
     update poll_options o set vote_count = vote_count - 1 from gone where o.id = gone.option_id`,
    [threadId, personId],
  );
}
