import type { z } from 'zod';
import {
  type CommunitiesQuery,
  type CreateCommunity,
  DEFAULT_VIABILITY,
  type UpdateCommunity,
} from '../../../contract/communities.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { decodeCursor, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import * as people from '../people/repository.js';
import { loadSettings } from '../settings/service.js';
import { accessFor, type CommunityAccess } from './access.js';
import { requireDigits } from './cursor-keys.js';
import { addMember } from './membership-repository.js';
import { mayMakeSecret, maySetThreshold, mayWidenVisibility, widens } from './policy.js';
import { presentCommunity, presentDetails } from './present.js';
import * as communities from './repository.js';
import { slugCandidate, slugFromName } from './slug.js';
import { recordViabilityChange } from './viability-repository.js';

export async function listCommunities(deps: Deps, viewer: Viewer, query: z.infer<typeof CommunitiesQuery>) {
  const db = deps.db.pool;
  const after = decodeCursor(query.cursor, ['string', 'string'] as const);
  if (after) requireDigits(after[1]);
  const rows = await communities.listViewed(
    db,
    viewer.id,
    { q: query.q, kind: query.kind, mine: query.member === 'me' },
    after ? { name: after[0], id: after[1] } : null,
    query.limit + 1,
  );
  const sponsors = await people.summariesByIds(db, [
    ...new Set(rows.flatMap((row) => (row.sponsor_id ? [row.sponsor_id] : []))),
  ]);
  return toPage(
    rows,
    query.limit,
    (row) => presentCommunity(row, sponsors.get(row.sponsor_id ?? '') ?? null),
    (row) => [row.sort_name, row.id],
  );
}

/** Details for whoever may know the community exists; 404 for a secret one they are not in. */
export async function getCommunity(deps: Deps, viewer: Viewer, slug: string) {
  const row = await communities.findViewed(deps.db.pool, slug, viewer.id);
  const access = row && accessFor(viewer, row, row.my_role);
  if (!row || !access?.canSee) throw notFound('community');
  return detailsOf(deps.db.pool, row, access);
}

async function detailsOf(db: Queryable, row: communities.ViewedCommunityRow, access: CommunityAccess) {
  const ownerIds = await communities.ownerIds(db, row.id);
  const summaries = await people.summariesByIds(db, [
    ...ownerIds,
    ...(row.sponsor_id ? [row.sponsor_id] : []),
  ]);
  return presentDetails(row, {
    sponsor: summaries.get(row.sponsor_id ?? '') ?? null,
    owners: ownerIds.flatMap((id) => summaries.get(id) ?? []),
    access,
  });
}

const secretRefused = () =>
  forbidden('Only admins may make a community secret here (the admin setting secretCommunityCreators).');

export async function createCommunity(deps: Deps, viewer: Viewer, input: z.infer<typeof CreateCommunity>) {
  if (input.visibility === 'secret' && !mayMakeSecret(viewer, await loadSettings(deps.db.pool))) {
    throw secretRefused();
  }
  const threshold = input.viabilityThreshold ?? DEFAULT_VIABILITY[input.kind];
  if (threshold !== DEFAULT_VIABILITY[input.kind] && !maySetThreshold(viewer)) throw thresholdRefused();
  const now = deps.clock.now();
  const created = await inTransaction(deps.db.pool, async (tx) => {
    if (input.slug && (await communities.slugTaken(tx, input.slug))) throw slugTaken();
    const slug = input.slug ?? (await freeSlug(tx, input.name));
    const sponsorId = input.sponsorHandle ? await sponsorIdOf(tx, input.sponsorHandle) : null;
    const row = await communities.insertCommunity(
      tx,
      {
        slug,
        name: input.name,
        description: input.description,
        visibility: input.visibility,
        kind: input.kind,
        viabilityThreshold: threshold,
        sponsorId,
        createdBy: viewer.id,
      },
      now,
    );
    await addMember(tx, { communityId: row.id, personId: viewer.id, role: 'owner' }, now);
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'community.create',
      targetType: 'community',
      targetId: row.id,
      after: auditable(row),
    });
    return row;
  }).catch(slugRace);
  return getCommunity(deps, viewer, created.slug);
}

const thresholdRefused = () =>
  forbidden(
    `Only admins set a community's viability threshold; it follows its kind (general ${DEFAULT_VIABILITY.general}, ` +
      `specialist ${DEFAULT_VIABILITY.specialist}) otherwise.`,
  );

const slugTaken = () => conflict('This slug is taken.', [{ field: 'slug', message: 'is taken' }]);

/** Two creators racing for one slug: the unique index decides, and the loser hears 409 like anyone else. */
function slugRace(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw slugTaken();
  throw error;
}

async function freeSlug(db: Queryable, name: string): Promise<string> {
  const base = slugFromName(name);
  for (let n = 1; ; n++) {
    const candidate = slugCandidate(base, n);
    if (!(await communities.slugTaken(db, candidate))) return candidate;
  }
}

/** A sponsor is a leader with stature (DESIGN.md §2): an active person with the leader flag. */
async function sponsorIdOf(db: Queryable, handle: string): Promise<string> {
  const person = await people.findByHandle(db, handle);
  if (!person) throw invalidField('sponsorHandle', `no person has the handle "${handle}"`);
  if (person.status !== 'active') throw invalidField('sponsorHandle', 'belongs to a deactivated person');
  if (!person.is_leader) throw invalidField('sponsorHandle', 'must be a leader');
  return person.id;
}

export async function updateCommunity(
  deps: Deps,
  viewer: Viewer,
  slug: string,
  input: z.infer<typeof UpdateCommunity>,
) {
  const now = deps.clock.now();
  return inTransaction(deps.db.pool, async (tx) => {
    const row = await communities.findViewed(tx, slug, viewer.id);
    const access = row && accessFor(viewer, row, row.my_role);
    if (!row || !access?.canSee) throw notFound('community');
    if (!access.canManage) throw forbidden('Only the owners of this community (and admins) may change it.');
    const becomesSecret = input.visibility === 'secret' && row.visibility !== 'secret';
    if (becomesSecret && !mayMakeSecret(viewer, await loadSettings(tx))) throw secretRefused();
    const before = (await communities.lockCommunity(tx, row.id))!;
    if (input.visibility && widens(before.visibility, input.visibility) && !mayWidenVisibility(access)) {
      throw forbidden(
        `Only the owners of this community may make it ${input.visibility}: that widens who sees it.`,
      );
    }
    const { sponsorHandle, ...fields } = input;
    const changes: communities.CommunityChanges = { ...fields };
    if (sponsorHandle !== undefined) {
      changes.sponsorId = sponsorHandle === null ? null : await sponsorIdOf(tx, sponsorHandle);
    }
    // A new kind brings its default threshold unless one is given; only admins may give another than that.
    const kindChanges = input.kind !== undefined && input.kind !== before.kind;
    const implied = kindChanges ? DEFAULT_VIABILITY[input.kind!] : before.viability_threshold;
    const threshold = input.viabilityThreshold ?? implied;
    if (threshold !== implied && !maySetThreshold(viewer)) throw thresholdRefused();
    changes.viabilityThreshold = threshold;
    const changed = Object.entries(changes).filter(
      ([key, value]) =>
        value !== undefined &&
        value !== before[communities.updatableColumns[key as keyof communities.CommunityChanges]],
    );
    if (changed.length === 0) return detailsOf(tx, row, access);
    const after = await communities.updateCommunity(tx, row.id, Object.fromEntries(changed), now);
    await recordViabilityChange(tx, { communityId: row.id, at: now, by: viewer.id, before, after });
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'community.update',
      targetType: 'community',
      targetId: row.id,
      before: auditable(before),
      after: auditable(after),
    });
    // The answer reflects the new state, even when the change took the viewer's own sight of it (made secret).
    const viewed = { ...row, ...after };
    return detailsOf(tx, viewed, accessFor(viewer, viewed, row.my_role));
  });
}

function auditable(row: communities.CommunityRow) {
  const { created_at: _created, updated_at: _updated, ...rest } = row;
  return rest;
}
