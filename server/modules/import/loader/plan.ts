import type { Queryable } from '../../../platform/db/database.js';
import type { ImportRecord, RecordType } from '../interchange.js';
import { ImportRefused, type Place, type Skipped } from '../report.js';
import { placeOf, readInterchange } from './lines.js';
import { knownSourceIds } from './repository.js';

/** What the first pass learned: how much there is, and which lines fall away with a parent deleted in the source. */
export type Plan = {
  total: number;
  byType: Record<RecordType, number>;
  /** Line → why: children of what the source deleted. */
  skipLines: Map<number, string>;
  skipped: Skipped[];
  sources: string[];
  notes: string[];
};

type Ref = {
  type: 'person' | 'community' | 'thread' | 'reply';
  source: string;
  id: string;
  line: number;
  record: ImportRecord;
};

const MAX_PROBLEMS = 50;
const key = (source: string, id: string) => `${source}\u0001${id}`;

/**
 * The first pass over the whole file, before anything is written: every line is a valid record, no id appears
 * twice, and every parent comes earlier in the file or was imported before. Throws ImportRefused otherwise.
 */
export async function planImport(db: Queryable, path: string): Promise<Plan> {
  const problems: (Place & { message: string })[] = [];
  const seen = new Map<RecordType, Map<string, number>>();
  const deleted = new Set<string>();
  const pending: Ref[] = [];
  const managers: { source: string; id: string; line: number }[] = [];
  const plan: Plan = {
    total: 0,
    byType: { person: 0, community: 0, membership: 0, thread: 0, reply: 0, reaction: 0, attachment: 0 },
    skipLines: new Map(),
    skipped: [],
    sources: [],
    notes: [],
  };
  const sources = new Set<string>();
  const problem = (place: Place, message: string) => problems.push({ ...place, message });

  for await (const entry of readInterchange(path)) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (entry.error !== undefined) {
      problem(placeOf(path, entry.line), entry.error);
      continue;
    }
    const { record, line } = entry;
    const place = placeOf(path, line, record);
    sources.add(record.source);
    const ids = seen.get(record.type) ?? new Map<string, number>();
    seen.set(record.type, ids);
    const own = key(record.source, record.sourceId);
    const first = ids.get(own);
    if (first !== undefined) {
      problem(place, `duplicate ${record.type} id ${record.sourceId} (first on interchange line ${first})`);
      continue;
    }
    ids.set(own, line);
    plan.total++;
    plan.byType[record.type]++;

    const parentGone = (type: Ref['type'], id: string) => {
      const k = key(record.source, id);
      if (seen.get(type)?.has(k)) return deleted.has(`${type}|${k}`);
      pending.push({ type, source: record.source, id, line, record });
      return false;
    };
    const skipBecause = (reason: string) => {
      plan.skipLines.set(line, reason);
      plan.skipped.push({ ...place, kind: record.type, sourceId: record.sourceId, reason });
      if (record.type === 'thread' || record.type === 'reply') deleted.add(`${record.type}|${own}`);
    };
    switch (record.type) {
      case 'person':
        if (record.managerSourceId)
          managers.push({ source: record.source, id: record.managerSourceId, line });
        break;
      case 'membership':
        parentGone('community', record.communitySourceId);
        parentGone('person', record.personSourceId);
        break;
      case 'thread':
        if (record.communitySourceId) parentGone('community', record.communitySourceId);
        parentGone('person', record.authorSourceId);
        if (record.deletedAt) deleted.add(`thread|${own}`);
        break;
      case 'reply': {
        parentGone('person', record.authorSourceId);
        const threadGone = parentGone('thread', record.threadSourceId);
        const parentReplyGone = record.parentReplySourceId
          ? parentGone('reply', record.parentReplySourceId)
          : false;
        if (threadGone) skipBecause('its thread was deleted in the source');
        else if (parentReplyGone) skipBecause('the reply it answers was deleted in the source');
        else if (record.deletedAt) deleted.add(`reply|${own}`);
        break;
      }
      case 'reaction':
      case 'attachment':
        if (record.type === 'reaction') parentGone('person', record.personSourceId);
        if (parentGone(record.target, record.targetSourceId)) {
          skipBecause(`its ${record.target} was deleted in the source`);
        }
        break;
      default:
        break;
    }
  }

  // Parents not earlier in the file must have come in an earlier run.
  for (const type of ['person', 'community', 'thread', 'reply'] as const) {
    const refs = pending.filter((ref) => ref.type === type);
    if (refs.length === 0) continue;
    const known = await knownSourceIds(db, type, refs);
    for (const ref of refs) {
      if (known.has(key(ref.source, ref.id))) continue;
      const later = seen.get(type)?.get(key(ref.source, ref.id));
      problem(
        placeOf(path, ref.line, ref.record),
        later
          ? `refers to ${type} ${ref.id}, which comes later (interchange line ${later}): parents go before children`
          : `refers to ${type} ${ref.id}, which is neither in this file nor imported before`,
      );
      if (problems.length >= MAX_PROBLEMS) break;
    }
  }
  if (problems.length > 0) throw new ImportRefused(problems.slice(0, MAX_PROBLEMS));

  const unknownManagers = managers.filter((m) => !seen.get('person')?.has(key(m.source, m.id)));
  if (unknownManagers.length > 0) {
    const known = await knownSourceIds(db, 'person', unknownManagers);
    const missing = unknownManagers.filter((m) => !known.has(key(m.source, m.id))).length;
    if (missing > 0)
      plan.notes.push(`${missing} people name a manager who is not in the source: left without one.`);
  }
  plan.sources = [...sources];
  return plan;
}
