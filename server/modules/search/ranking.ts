import { SEARCH_LIMITS } from '../../../contract/search.js';

/**
 * The ranking formula of docs/SEARCH.md, in one place:
 *   score = relevance × freshness × signals
 *   relevance = ts_rank_cd with weights title 1.0 / body 0.4, normalised to rank / (rank + 1)
 *   freshness = 0.5 + 0.5 / (1 + age in days / 30)        (1.0 today, 0.75 at a month, → 0.5 when old)
 *   signals   = 1 + 0.5 if accepted answer (a question with one, or the accepted reply) + 0.2 × ln(1 + reactions)
 */
export const RANKING = {
  weights: '{0.1, 0.2, 0.4, 1.0}',
  freshnessDays: 30,
  acceptedBoost: 0.5,
  reactionBoost: 0.2,
  /** Ranking reads at most this many matches, the newest first, so a common word costs the same as a rare one. */
  candidates: SEARCH_LIMITS.countCap,
  /**
   * Matches are looked for in the newest posts (by id) first, then in the next older ones: a common word fills the
   * candidates within a few hundred recent, cached rows; a rarer one within the second tier's id range, so the
   * search index's hits for all time are read only for words that are rare everywhere.
   */
  tiers: { threads: [5_000, 200_000], replies: [15_000, 600_000] },
} as const;

/** SQL for a post's score; `accepted` and `reactions` are SQL expressions of the row. */
export function scoreSql(opts: {
  vector: string;
  query: string;
  createdAt: string;
  asOf: string;
  accepted: string;
  reactions: string;
}): string {
  const days = `greatest(extract(epoch from (${opts.asOf} - ${opts.createdAt}))::float8, 0) / 86400.0`;
  return `(ts_rank_cd('${RANKING.weights}'::float4[], ${opts.vector}, ${opts.query}, 32)::float8
    * (0.5 + 0.5 / (1 + ${days} / ${RANKING.freshnessDays}))
    * (1 + case when ${opts.accepted} then ${RANKING.acceptedBoost} else 0 end
         + ${RANKING.reactionBoost} * ln(1 + (${opts.reactions})::float8)))`;
}
