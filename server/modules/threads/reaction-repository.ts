import type { Queryable } from '../../platform/db/database.js';
import { type SummaryRow, summaryColumns } from '../people/repository.js';

export const onThread = { table: 'thread_reactions', column: 'thread_id' } as const;
export const onReply = { table: 'reply_reactions', column: 'reply_id' } as const;
export type ReactionTarget = typeof onThread | typeof onReply;

/** Idempotent: reacting twice with the same kind keeps one reaction. */
export async function addReaction(
  db: Queryable,
  target: ReactionTarget,
  id: string,
  personId: string,
  kind: string,
  now: Date,
): Promise<void> {
  await db.query(
    `insert into ${target.table} (${target.column}, person_id, kind, created_at) values ($1, $2, $3, $4)
     on conflict do nothing`,
    [id, personId, kind, now],
  );
}

export async function removeReaction(
  db: Queryable,
  target: ReactionTarget,
  id: string,
  personId: string,
  kind: string,
): Promise<void> {
  await db.query(`delete from ${target.table} where ${target.column} = $1 and person_id = $2 and kind = $3`, [
    id,
    personId,
    kind,
  ]);
}

export type ReactorRow = SummaryRow & { kind: string; reacted_at: Date };

/** Who reacted to a thread; keyset on (person_id, kind), the primary key's order after thread_id. */
export async function listThreadReactors(
  db: Queryable,
  threadId: string,
  kind: string | null,
  after: { personId: string; kind: string } | null,
  limit: number,
): Promise<ReactorRow[]> {
  const { rows } = await db.query<ReactorRow>(
    `select ${summaryColumns()}, r.kind, r.created_at as reacted_at
       from thread_reactions r join people p on p.id = r.person_id
      where r.thread_id = $1
        and ($2::text is null or r.kind = $2)
        and ($3::bigint is null or (r.person_id, r.kind) > ($3::bigint, $4::text))
      order by r.person_id, r.kind limit $5`,
    [threadId, kind, after?.personId ?? null, after?.kind ?? null, limit],
  );
  return rows;
}
