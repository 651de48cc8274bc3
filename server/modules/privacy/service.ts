import {
  type CommunityRetention,
  type PlaceHold,
  RETENTION_CATEGORIES,
  type RetentionPolicy,
  type SetCommunityRetention,
  type UpdateRetention,
} from '../../../contract/privacy.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { requireVisible } from '../communities/access.js';
import { findByHandle } from '../people/repository.js';
import {
  activeHolds,
  findActiveHold,
  type HoldRow,
  insertHold,
  releaseHold,
  setComplianceOfficer,
} from './holds-repository.js';
import {
  communityRetentions,
  contentAction,
  deleteCommunityRetention,
  erasedPostsPolicy,
  findCommunityRetention,
  retentionDays,
  setCommunityRetention,
  setContentAction,
  setErasedPostsPolicy,
  setRetentionDays,
} from './retention-repository.js';

export async function retentionPolicy(deps: Deps, viewer: Viewer): Promise<RetentionPolicy> {
  const db = deps.db.pool;
  const communities = await communityRetentions(db, viewer.id);
  return {
    ...(await organisationPolicy(db)),
    communities: communities.map(
      (row): CommunityRetention => ({
        community: { slug: row.slug, name: row.name, visibility: row.visibility },
        days: row.days,
        action: row.action,
      }),
    ),
  };
}

/** The organisation's periods and choices, as audited (communities have entries of their own). */
async function organisationPolicy(db: Queryable): Promise<Omit<RetentionPolicy, 'communities'>> {
  const rows = await retentionDays(db);
  const days = Object.fromEntries(
    RETENTION_CATEGORIES.map((c) => [c, rows.find((row) => row.category === c)?.days ?? null]),
  ) as RetentionPolicy['days'];
  return { days, contentAction: await contentAction(db), erasedPosts: await erasedPostsPolicy(db) };
}

export async function updateRetention(deps: Deps, viewer: Viewer, body: UpdateRetention) {
  await inTransaction(deps.db.pool, async (db) => {
    const before = await organisationPolicy(db);
    for (const [category, days] of Object.entries(body.days ?? {})) {
      if (days !== undefined)
        await setRetentionDays(db, category as keyof RetentionPolicy['days'], days, viewer.id);
    }
    if (body.contentAction) await setContentAction(db, body.contentAction, viewer.id);
    if (body.erasedPosts) await setErasedPostsPolicy(db, body.erasedPosts, viewer.id);
    await writeAudit(db, {
      actorId: viewer.id,
      action: 'privacy.retention',
      targetType: 'organisation',
      targetId: '0',
      before,
      after: await organisationPolicy(db),
    });
  });
  return retentionPolicy(deps, viewer);
}

/**
 * A community's own content period (admins only, as the organisation's: one accountable role the works council
 * agrees with); a secret community only for an admin who is a member. Audited with before and after.
 */
export async function setCommunityPolicy(
  deps: Deps,
  viewer: Viewer,
  slug: string,
  body: SetCommunityRetention,
): Promise<CommunityRetention> {
  const community = await requireVisible(deps.db.pool, viewer, { slug });
  await inTransaction(deps.db.pool, async (db) => {
    const before = await findCommunityRetention(db, community.id);
    await setCommunityRetention(db, community.id, body, viewer.id);
    await writeAudit(db, {
      actorId: viewer.id,
      action: 'privacy.retention_community',
      targetType: 'community',
      targetId: community.id,
      before: before ?? undefined,
      after: { days: body.days, action: body.action },
    });
  });
  return {
    community: { slug: community.slug, name: community.name, visibility: community.visibility },
    days: body.days,
    action: body.action,
  };
}

/** Back to the organisation's period for this community; audited. */
export async function removeCommunityPolicy(deps: Deps, viewer: Viewer, slug: string): Promise<void> {
  const community = await requireVisible(deps.db.pool, viewer, { slug });
  await inTransaction(deps.db.pool, async (db) => {
    const before = await findCommunityRetention(db, community.id);
    if (!before || !(await deleteCommunityRetention(db, community.id)))
      throw notFound('retention period of this community');
    await writeAudit(db, {
      actorId: viewer.id,
      action: 'privacy.retention_community',
      targetType: 'community',
      targetId: community.id,
      before,
    });
  });
}

const presentHold = (row: HoldRow) => ({
  id: row.id,
  targetType: row.target_type,
  target:
    row.target_type === 'person'
      ? { handle: row.person_handle ?? '', name: row.person_name ?? '' }
      : { slug: row.community_slug ?? '', name: row.community_name ?? '' },
  reason: row.reason,
  placedBy: row.placed_by_handle,
  placedAt: row.placed_at.toISOString(),
});

/** Active holds; a community's hold only for an admin who may know it exists. */
export async function listHolds(deps: Deps, viewer: Viewer) {
  const rows = await activeHolds(deps.db.pool);
  const visible: HoldRow[] = [];
  for (const row of rows) {
    if (row.community_id) {
      const seen = await requireVisible(deps.db.pool, viewer, { id: row.community_id }).then(
        () => true,
        () => false,
      );
      if (!seen) continue;
    }
    visible.push(row);
  }
  return { items: visible.map(presentHold) };
}

export async function placeHold(deps: Deps, viewer: Viewer, body: PlaceHold) {
  const db = deps.db.pool;
  let personId: string | null = null;
  let communityId: string | null = null;
  if (body.targetType === 'person') {
    if (!body.handle) throw invalidField('handle', 'is required for a hold on a person');
    const person = await findByHandle(db, body.handle);
    if (!person) throw notFound('person');
    if ((person as { erased_at?: Date | null }).erased_at)
      throw conflict('This person has been erased: nothing is left to hold.');
    personId = person.id;
  } else {
    if (!body.slug) throw invalidField('slug', 'is required for a hold on a community');
    communityId = (await requireVisible(db, viewer, { slug: body.slug })).id;
  }
  const id = await inTransaction(db, async (tx) => {
    const held = await insertHold(tx, { personId, communityId, reason: body.reason, placedBy: viewer.id });
    if (!held) throw conflict(`This ${body.targetType} is already under legal hold.`);
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'privacy.hold',
      targetType: body.targetType,
      targetId: (personId ?? communityId)!,
      after: { hold: held, reason: body.reason },
    });
    return held;
  });
  const row = await findActiveHold(db, id);
  return presentHold(row!);
}

export async function liftHold(deps: Deps, viewer: Viewer, id: string) {
  const db = deps.db.pool;
  const row = await findActiveHold(db, id);
  if (!row) throw notFound('legal hold');
  if (row.community_id) await requireVisible(db, viewer, { id: row.community_id });
  await inTransaction(db, async (tx) => {
    if (!(await releaseHold(tx, id, viewer.id))) throw notFound('legal hold');
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'privacy.release',
      targetType: row.target_type,
      targetId: (row.person_id ?? row.community_id)!,
      before: { hold: id, reason: row.reason },
    });
  });
}

/** The compliance officer role: an admin who may also run eDiscovery exports. */
export async function setComplianceRole(deps: Deps, viewer: Viewer, handle: string, on: boolean) {
  const db = deps.db.pool;
  const person = await findByHandle(db, handle);
  if (!person) throw notFound('person');
  if (on && person.role !== 'admin')
    throw conflict('Only an admin can be a compliance officer: make them an admin first.');
  await inTransaction(db, async (tx) => {
    await setComplianceOfficer(tx, person.id, on);
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'privacy.compliance_officer',
      targetType: 'person',
      targetId: person.id,
      after: { complianceOfficer: on },
    });
  });
}
