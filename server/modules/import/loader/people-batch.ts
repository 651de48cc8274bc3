import { DEFAULT_VIABILITY } from '../../../../contract/communities.js';
import type { Queryable } from '../../../platform/db/database.js';
import type { CommunityRecord, MembershipRecord, PersonRecord } from '../interchange.js';
import type { Batch, BatchLoader, RunState } from './batch.js';
import { baseName, claimName } from './names.js';
import {
  insertMappings,
  insertMembers,
  nextIds,
  peopleByEmail,
  resolveCommunities,
  resolveIds,
  resolvePeople,
  sourceKey,
  takenNames,
} from './repository.js';
import {
  insertCommunities,
  insertPeople,
  type NewCommunity,
  type NewPerson,
  updateImportedPeople,
} from './rows-repository.js';

const refsOf = (batch: Batch) =>
  batch.items.map((item) => ({ source: batch.source, id: item.record.sourceId }));

/**
 * People: found again by source id (an earlier run) or by address (already in Plein: used as they are), else
 * created deactivated with a free handle.
 */
async function loadPeople(db: Queryable, batch: Batch<PersonRecord>, run: RunState): Promise<void> {
  const counts = run.report.counts.person;
  const mapped = await resolveIds(db, 'person', refsOf(batch));
  const emails = batch.items.flatMap((item) => (item.record.email ? [item.record.email.toLowerCase()] : []));
  const byEmail = await peopleByEmail(db, emails);
  const fresh = batch.items.filter(
    (item) =>
      !mapped.has(sourceKey(batch.source, item.record.sourceId)) &&
      !byEmail.has(item.record.email?.toLowerCase() ?? ''),
  );
  const bases = fresh.map((item) => baseName(item.record.email?.split('@')[0] ?? item.record.name, 'handle'));
  const taken = await takenNames(db, 'people', [...new Set(bases)]);
  const ids = await nextIds(db, 'people', fresh.length);
  const created: NewPerson[] = [];
  const mappings: { source: string; sourceId: string; pleinId: string }[] = [];
  const updates: Parameters<typeof updateImportedPeople>[1] = [];
  for (const item of batch.items) {
    const r = item.record;
    if (r.managerSourceId)
      run.managerLinks.push({ source: batch.source, personId: r.sourceId, managerId: r.managerSourceId });
    const profile = {
      name: r.name,
      title: r.title ?? '',
      department: r.department ?? '',
      location: r.location ?? '',
      isLeader: r.isLeader ?? false,
    };
    const known = mapped.get(sourceKey(batch.source, r.sourceId));
    if (known) {
      counts.matched++;
      updates.push({ id: known, ...profile });
      continue;
    }
    const email = r.email?.toLowerCase() ?? null;
    const existing = email ? byEmail.get(email) : undefined;
    if (existing) {
      counts.matched++;
      mappings.push({ source: batch.source, sourceId: r.sourceId, pleinId: existing });
      continue;
    }
    const i = created.length;
    const person = {
      id: ids[i]!,
      handle: claimName(bases[i]!, taken),
      email,
      ...profile,
      createdAt: r.createdAt ?? run.now.toISOString(),
    };
    created.push(person);
    // Two records with one address are one person.
    if (email) byEmail.set(email, person.id);
    mappings.push({ source: batch.source, sourceId: r.sourceId, pleinId: person.id });
  }
  await insertPeople(db, created, batch.source, run.now);
  await insertMappings(db, 'person', mappings);
  counts.created += created.length;
  const updated = await updateImportedPeople(db, updates);
  counts.updated += updated;
  // Posts look people up again: a leader flag may have changed.
  run.people.clear();
  if (created.length > 0 || mappings.length > 0) run.touched.changed = true;
  // A department, location or leader flag counts on every day the person wrote: the roll-ups are rebuilt whole.
  if (updated > 0) run.touched.everything = true;
}

/** Communities keep their visibility: secret stays secret, and nothing is made wider than the source had it. */
async function loadCommunities(db: Queryable, batch: Batch<CommunityRecord>, run: RunState): Promise<void> {
  const counts = run.report.counts.community;
  const mapped = await resolveIds(db, 'community', refsOf(batch));
  const fresh = batch.items.filter((item) => !mapped.has(sourceKey(batch.source, item.record.sourceId)));
  counts.matched += batch.items.length - fresh.length;
  const bases = fresh.map((item) => baseName(item.record.name, 'slug'));
  const taken = await takenNames(db, 'communities', [...new Set(bases)]);
  const ids = await nextIds(db, 'communities', fresh.length);
  const rows: NewCommunity[] = fresh.map(({ record: r }, i) => {
    const kind = r.kind ?? 'general';
    return {
      id: ids[i]!,
      slug: claimName(bases[i]!, taken),
      name: r.name,
      description: r.description ?? '',
      visibility: r.visibility,
      kind,
      threshold: DEFAULT_VIABILITY[kind],
      createdAt: r.createdAt ?? run.now.toISOString(),
    };
  });
  await insertCommunities(db, rows, batch.source, run.now);
  await insertMappings(
    db,
    'community',
    rows.map((row, i) => ({ source: batch.source, sourceId: fresh[i]!.record.sourceId, pleinId: row.id })),
  );
  counts.created += rows.length;
  if (rows.length > 0) run.touched.changed = true;
}

async function loadMemberships(db: Queryable, batch: Batch<MembershipRecord>, run: RunState): Promise<void> {
  const communities = await resolveCommunities(
    db,
    batch.source,
    batch.items.map((i) => i.record.communitySourceId),
  );
  const people = await resolvePeople(
    db,
    batch.source,
    batch.items.map((i) => i.record.personSourceId),
  );
  const rows = batch.items.map(({ record: r }) => ({
    communityId: communities.get(r.communitySourceId)!.id,
    personId: people.get(r.personSourceId)!.id,
    role: r.role ?? ('member' as const),
    joinedAt: r.joinedAt ?? run.now.toISOString(),
  }));
  const added = await insertMembers(db, rows);
  run.report.counts.membership.created += added;
  if (added > 0) run.touched.changed = true;
  run.report.counts.membership.matched += rows.length - added;
}

export const personLoader: BatchLoader<PersonRecord> = { write: loadPeople };
export const communityLoader: BatchLoader<CommunityRecord> = { write: loadCommunities };
export const membershipLoader: BatchLoader<MembershipRecord> = { write: loadMemberships };
