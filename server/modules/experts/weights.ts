/**
 * How much each kind of evidence says about knowing a topic (docs/SEARCH.md, "Experts"):
 *   score = Σ weight(source) × ln(1 + count)  +  SKILL_WEIGHT when the profile lists the topic as a skill
 * The logarithm keeps one prolific poster from outranking someone with a few accepted answers.
 */
export const EVIDENCE_WEIGHTS = {
  accepted_answer: 5,
  reacted_reply: 2,
  specialist_thread: 1,
  hashtag_use: 1,
} as const;
export const SKILL_WEIGHT = 3;

export const weightSql = (column: string) =>
  `(case ${column} ${Object.entries(EVIDENCE_WEIGHTS)
    .map(([source, weight]) => `when '${source}' then ${weight}`)
    .join(' ')} else 0 end)`;

/**
 * One source's term, weight × ln(1 + count): the logarithm in float8 (numeric's is slow), each term then made
 * numeric so that sums are exact whatever their order.
 */
export const termSql = (source: string, count: string) =>
  `(${weightSql(source)} * ln(1 + (${count})::float8))::numeric`;

/**
 * A score as stored and compared: a numeric sum of terms rounded to 9 decimals, so a score from expertise_scores
 * and the same score recomputed at request time are equal, ties included.
 */
export const scoreSql = (numericExpression: string) => `round((${numericExpression})::numeric, 9)::float8`;

/** A topic as people type it: lower case, without the hashtag sign. */
export const normaliseTopic = (text: string) => text.trim().replace(/^#+/, '').toLowerCase();
