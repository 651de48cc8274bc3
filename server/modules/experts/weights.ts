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

/** A topic as people type it: lower case, without the hashtag sign. */
export const normaliseTopic = (text: string) => text.trim().replace(/^#+/, '').toLowerCase();
