import type { Evidence, Expertise, Experts, KnownTopic } from '../../../contract/experts.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField, notFound } from '../../platform/http/problem.js';
import { presentSummary } from '../people/present.js';
import { findByHandle } from '../people/repository.js';
import { type EvidenceRow, evidenceOf, rankExperts } from './repository.js';
import { resolveTopics } from './topics-repository.js';
import { EVIDENCE_WEIGHTS, normaliseTopic, SKILL_WEIGHT } from './weights.js';

/** Topics shown under "Knows about" on a profile. */
const PROFILE_TOPICS = 12;

const presentEvidence = (row: EvidenceRow): Evidence => ({
  source: row.source as Evidence['source'],
  count: row.count,
  topic: row.topic_kind === 'community' ? (row.community_name ?? row.topic) : row.topic,
  topicKind: row.topic_kind,
  community:
    row.community_slug && row.community_name ? { slug: row.community_slug, name: row.community_name } : null,
});

const weightOf = (row: EvidenceRow) =>
  row.source === 'skill'
    ? SKILL_WEIGHT
    : (EVIDENCE_WEIGHTS[row.source as keyof typeof EVIDENCE_WEIGHTS] ?? 0) * Math.log(1 + row.count);

/** Strongest evidence first, so the first reason shown is the best one. */
const byWeight = (a: EvidenceRow, b: EvidenceRow) => weightOf(b) - weightOf(a) || b.count - a.count;

/**
 * GET /api/v1/experts?q=: who knows about a topic (the query itself, or the closest known topics), with the
 * reasons, counting only evidence the viewer may read.
 */
export async function findExperts(
  deps: Deps,
  viewer: Viewer,
  query: { q: string; cursor?: string; limit: number },
): Promise<Experts> {
  const topic = normaliseTopic(query.q);
  if (topic.length < 2) throw invalidField('q', 'must name a topic of at least 2 characters');
  const key = decodeCursor(query.cursor, ['number', 'string'] as const);
  if (key && !/^\d{1,19}$/.test(key[1])) throw invalidField('cursor', 'is not a cursor this list gave out');
  const topics = await resolveTopics(deps.db.pool, topic, viewer.id);
  if (topics.length === 0) return { items: [], nextCursor: null };
  const { experts, evidence } = await rankExperts(
    deps.db.pool,
    topics,
    viewer.id,
    key ? { score: key[0], id: key[1] } : null,
    query.limit + 1,
  );
  const kept = experts.slice(0, query.limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map((row) => ({
      person: presentSummary(row),
      score: row.score,
      evidence: evidence
        .filter((e) => e.person_id === row.id)
        .sort(byWeight)
        .map(presentEvidence),
    })),
    nextCursor: experts.length > query.limit && last ? encodeCursor([last.score, last.id]) : null,
  };
}

/** "Knows about" on a profile: the person's topics, strongest first, each with its evidence. */
export async function expertiseOf(deps: Deps, viewer: Viewer, handle: string): Promise<Expertise> {
  const person = await findByHandle(deps.db.pool, handle);
  if (!person) throw notFound('person');
  const rows = await evidenceOf(deps.db.pool, person.id, viewer.id);
  const topics = new Map<string, { topic: string; kind: KnownTopic['topicKind']; rows: EvidenceRow[] }>();
  for (const row of rows) {
    // A skill and a hashtag of the same word are one topic.
    const key =
      row.topic_kind === 'community'
        ? `community:${row.topic}:${row.community_slug}`
        : `tag:${row.topic.toLowerCase()}`;
    const entry = topics.get(key) ?? {
      topic: row.topic_kind === 'community' ? (row.community_name ?? row.topic) : row.topic,
      kind: row.topic_kind,
      rows: [],
    };
    if (row.topic_kind === 'hashtag') {
      entry.kind = 'hashtag';
      entry.topic = row.topic;
    }
    entry.rows.push(row);
    topics.set(key, entry);
  }
  const items = [...topics.values()]
    .map((entry) => ({
      topic: entry.topic,
      topicKind: entry.kind,
      score: entry.rows.reduce((sum, row) => sum + weightOf(row), 0),
      evidence: entry.rows.sort(byWeight).map(presentEvidence),
    }))
    .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic))
    .slice(0, PROFILE_TOPICS);
  return { items };
}
