import type { Queryable } from '../../platform/db/database.js';

/** Whose roll-up rows a refresh computes again, by what changed. */
export type Changed = {
  /** Their evidence from replies (accepted answers, reacted replies). */
  repliers: string[];
  /** Their evidence from threads they started (hashtags used, specialist threads). */
  starters: string[];
  /** Their scores only (skills changed, or a community's visibility). */
  scored: string[];
};

/** Takes the recorded changes (deleting them in this transaction: a later change waits for the next refresh). */
export async function takeChanges(db: Queryable) {
  const { rows } = await db.query<{ subject: 'thread' | 'community' | 'person'; id: string }>(
    'delete from expertise_changes returning subject, id',
  );
  const of = (subject: string) => rows.filter((row) => row.subject === subject).map((row) => row.id);
  return { threads: of('thread'), communities: of('community'), people: of('person') };
}

/**
 * Whose evidence may have changed since `since`: authors of new threads; authors of replies with a new reaction;
 * for a recorded thread, its author and repliers; for a recorded community, everyone with evidence there and its
 * thread authors; for a recorded person (skills), their scores.
 */
export async function changedSince(
  db: Queryable,
  since: Date,
  changes: { threads: string[]; communities: string[]; people: string[] },
): Promise<Changed> {
  const { rows } = await db.query<{ part: 'replies' | 'threads' | 'both' | 'scores'; id: string }>(
    `select 'threads' as part, t.author_id as id from threads t where t.created_at >= $1
     union select 'replies', r.author_id from reply_reactions rr join replies r on r.id = rr.reply_id
            where rr.created_at >= $1
     union select 'threads', t.author_id from threads t where t.id = any($2::bigint[])
     union select 'replies', r.author_id from replies r where r.thread_id = any($2::bigint[])
     union select 'both', e.person_id from expertise_evidence e where e.community_id = any($3::bigint[])
     union select 'both', t.author_id from threads t where t.community_id = any($3::bigint[]) and t.deleted_at is null
     union select 'scores', unnest($4::bigint[])`,
    [since, changes.threads, changes.communities, changes.people],
  );
  const of = (...parts: string[]) => [
    ...new Set(rows.filter((row) => parts.includes(row.part)).map((row) => row.id)),
  ];
  return {
    repliers: of('replies', 'both'),
    starters: of('threads', 'both'),
    scored: of('replies', 'threads', 'both', 'scores'),
  };
}

/** Deletes the evidence about to be computed again, and the scores; returns the topics they were on. */
export async function forget(db: Queryable, changed: Changed): Promise<string[]> {
  const { rows } = await db.query<{ topic: string }>(
    `with gone as (
       delete from expertise_evidence
        where (person_id = any($1::bigint[]) and source in ('accepted_answer', 'reacted_reply'))
           or (person_id = any($2::bigint[]) and source in ('hashtag_use', 'specialist_thread'))
       returning topic),
     unscored as (delete from expertise_scores where person_id = any($3::bigint[]) returning topic)
     select topic from gone union select topic from unscored`,
    [changed.repliers, changed.starters, changed.scored],
  );
  return rows.map((row) => row.topic);
}

/** The topics the people have evidence or a score on now. */
export async function topicsOf(db: Queryable, people: string[]): Promise<string[]> {
  const { rows } = await db.query<{ topic: string }>(
    `select topic from expertise_evidence where person_id = any($1::bigint[])
     union select topic from expertise_scores where person_id = any($1::bigint[])`,
    [people],
  );
  return rows.map((row) => row.topic);
}
