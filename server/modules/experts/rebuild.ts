import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';

// Each block: who, topic, kind of topic, source, where the evidence lives, how often, when last.
const acceptedAnswers = (topic: 'hashtag' | 'community') => `
  select r.author_id, ${topic === 'hashtag' ? 'h.tag' : 'lower(c.name)'}, '${topic}', 'accepted_answer', t.community_id,
         count(*), max(coalesce(t.accepted_at, r.created_at))
    from threads t join replies r on r.id = t.accepted_reply_id
    ${topic === 'hashtag' ? 'join thread_hashtags th on th.thread_id = t.id join hashtags h on h.id = th.hashtag_id' : 'join communities c on c.id = t.community_id'}
   where t.deleted_at is null and r.deleted_at is null and r.author_id <> t.author_id
   group by 1, 2, 5`;

// A reply "got reactions" when someone other than its author reacted to it.
const reactedReplies = (topic: 'hashtag' | 'community') => `
  select r.author_id, ${topic === 'hashtag' ? 'h.tag' : 'lower(c.name)'}, '${topic}', 'reacted_reply', t.community_id,
         count(distinct r.id), max(r.created_at)
    from replies r join threads t on t.id = r.thread_id
    ${topic === 'hashtag' ? 'join thread_hashtags th on th.thread_id = t.id join hashtags h on h.id = th.hashtag_id' : 'join communities c on c.id = t.community_id'}
   where r.deleted_at is null and t.deleted_at is null
     and exists (select 1 from reply_reactions rr where rr.reply_id = r.id and rr.person_id <> r.author_id)
   group by 1, 2, 5`;

const specialistThreads = `
  select t.author_id, lower(c.name), 'community', 'specialist_thread', c.id, count(*), max(t.created_at)
    from threads t join communities c on c.id = t.community_id
   where c.kind = 'specialist' and t.deleted_at is null
   group by 1, 2, 5`;

const hashtagUse = `
  select t.author_id, h.tag, 'hashtag', 'hashtag_use', t.community_id, count(*), max(t.created_at)
    from threads t join thread_hashtags th on th.thread_id = t.id join hashtags h on h.id = th.hashtag_id
   where t.deleted_at is null
   group by 1, 2, 5`;

/**
 * Rebuilds the expertise roll-up from behaviour in one transaction (readers see the old or the new, never half):
 * expert ranking then reads a small table instead of scanning millions of posts per request.
 */
export async function rebuildExpertise(db: Parameters<typeof inTransaction>[0]): Promise<void> {
  await inTransaction(db, async (tx: Queryable) => {
    await tx.query('delete from expertise_evidence');
    await tx.query(
      `insert into expertise_evidence (person_id, topic, topic_kind, source, community_id, evidence_count, last_at)
       ${[acceptedAnswers('hashtag'), acceptedAnswers('community'), reactedReplies('hashtag'), reactedReplies('community'), specialistThreads, hashtagUse].join(' union all ')}`,
    );
  });
}

/** How stale the roll-up may get: a full rebuild at 10M posts takes seconds, so not every minute. */
export const EXPERTISE_REFRESH_MS = 15 * 60_000;

/** The expertise job's tick (every minute): rebuilds when the roll-up is older than EXPERTISE_REFRESH_MS. */
export async function refreshExpertise(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const { rows } = await deps.db.pool.query<{ value: string }>(
    `select value #>> '{}' as value from settings where key = 'expertiseBuiltAt'`,
  );
  const built = rows[0] ? Date.parse(rows[0].value) : 0;
  if (now.getTime() - built < EXPERTISE_REFRESH_MS) return;
  await rebuildExpertise(deps.db.pool);
  await deps.db.pool.query(
    `insert into settings (key, value) values ('expertiseBuiltAt', $1)
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [JSON.stringify(now.toISOString())],
  );
}
