import type pg from 'pg';
import { DEFAULT_VIABILITY } from '../../../contract/communities.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { writeAudit } from '../audit/repository.js';
import { insertCommunity, slugTaken, updateCommunity } from '../communities/repository.js';
import { slugCandidate, slugFromName } from '../communities/slug.js';
import { canonical, type Doc, GROUP_TOP } from './document.js';
import { parseFilter } from './filter.js';
import { filterSql, GROUP_COLUMNS, MEMBER_COLUMNS, SqlParams } from './filter-sql.js';
import { type GroupStep, groupSteps, type Member, membersOf } from './group-patch.js';
import * as groups from './groups-repository.js';
import { joined, left } from './membership.js';
import { readOperations } from './patch.js';
import { listResponse, presentGroup, project } from './present.js';
import { ScimProblem } from './problem.js';
import { type ListQuery, pageOf, requireVersion, type ScimCall } from './request.js';

const notFound = () => new ScimProblem(404, undefined, 'No such Group.');
const wantsMembers = (query: ListQuery) =>
  !(query.excludedAttributes ?? '').split(',').some((name) => name.trim().toLowerCase() === 'members');

export async function getGroup(deps: Deps, call: ScimCall, id: string, query: ListQuery) {
  const row = await groups.findGroup(deps.db.pool, id);
  if (!row) throw notFound();
  const members = wantsMembers(query) ? (await groups.membersOf(deps.db.pool, [row.id])).get(row.id)! : null;
  const doc = presentGroup(row, members, call.base);
  call.reply.header('etag', (doc.meta as { version: string }).version);
  return project(doc, query.attributes, query.excludedAttributes);
}

export async function listGroups(deps: Deps, call: ScimCall, query: ListQuery) {
  const params = new SqlParams();
  const where = query.filter ? filterSql(parseFilter(query.filter), GROUP_COLUMNS, params) : 'true';
  const { startIndex, count } = pageOf(query);
  const { rows, total } = await groups.listGroups(
    deps.db.pool,
    { sql: where, values: params.values },
    startIndex - 1,
    count,
  );
  const members = wantsMembers(query)
    ? await groups.membersOf(
        deps.db.pool,
        rows.map((row) => row.id),
      )
    : null;
  const resources = rows.map((row) =>
    project(
      presentGroup(row, members?.get(row.id) ?? null, call.base),
      query.attributes,
      query.excludedAttributes,
    ),
  );
  return listResponse(resources, total, startIndex);
}

/** A new group: a role group when PLEIN_SCIM_GROUP_ROLES names it, else a community (one of that name, or new). */
export async function createGroup(deps: Deps, call: ScimCall, body: Doc) {
  const doc = canonical(GROUP_TOP, body);
  const displayName = requiredName(doc.displayName);
  const members = membersOf(memberField(body));
  const now = deps.clock.now();
  const changed = new Set<string>();
  const id = await inTransaction(deps.db.pool, async (tx) => {
    const role = deps.config.scim.groupRoles[displayName.toLowerCase()] ?? null;
    const communityId = role
      ? null
      : ((await groups.unlinkedCommunityNamed(tx, displayName)) ??
        (await newCommunity(tx, displayName, now)));
    const group = await groups.insertGroup(
      tx,
      { displayName, externalId: externalIdOf(doc), role, communityId },
      now,
    );
    const added = await addMembers(tx, group, members, now, changed);
    await audit(tx, call, 'scim.group.create', group.id, undefined, {
      displayName,
      role,
      communityId,
      added,
    });
    return group.id;
  });
  forget(deps, changed);
  call.reply.status(201);
  return getGroup(deps, call, id, {});
}

/** PUT: name and the whole membership as the provider has them now. */
export async function replaceGroup(deps: Deps, call: ScimCall, id: string, body: Doc) {
  const doc = canonical(GROUP_TOP, body);
  const displayName = requiredName(doc.displayName);
  const members = membersOf(memberField(body));
  await changeGroup(deps, call, id, [
    { kind: 'set', displayName, externalId: externalIdOf(doc) },
    { kind: 'replace', members },
  ]);
  return getGroup(deps, call, id, {});
}

/** PATCH: each operation a step on the membership (add, remove by value or filter, replace) or the name. 204. */
export async function patchGroup(deps: Deps, call: ScimCall, id: string, body: Doc): Promise<void> {
  await changeGroup(deps, call, id, groupSteps(readOperations(body)));
}

async function changeGroup(deps: Deps, call: ScimCall, id: string, steps: GroupStep[]) {
  const now = deps.clock.now();
  const changed = new Set<string>();
  await inTransaction(deps.db.pool, async (tx) => {
    const group = await groups.findGroup(tx, id, true);
    if (!group) throw notFound();
    requireVersion(call, group.updated_at);
    const log: Record<string, unknown>[] = [];
    for (const step of steps) log.push(await applyStep(tx, group, step, now, changed));
    await groups.touchGroup(tx, group.id, now);
    await audit(tx, call, 'scim.group.update', group.id, { displayName: group.display_name }, { steps: log });
  });
  forget(deps, changed);
}

async function applyStep(
  tx: pg.PoolClient,
  group: groups.GroupRow,
  step: GroupStep,
  now: Date,
  changed: Set<string>,
): Promise<Record<string, unknown>> {
  switch (step.kind) {
    case 'set': {
      const displayName = step.displayName ?? group.display_name;
      const externalId = step.externalId === undefined ? group.external_id : step.externalId;
      await groups.updateGroup(tx, group.id, { displayName, externalId }, now);
      if (group.community_id && displayName !== group.display_name) {
        await updateCommunity(tx, group.community_id, { name: displayName }, now);
      }
      group.display_name = displayName;
      group.external_id = externalId;
      return { set: { displayName, externalId } };
    }
    case 'add':
      return { added: await addMembers(tx, group, step.members, now, changed) };
    case 'remove': {
      const params = new SqlParams();
      let where: { sql: string; values: unknown[] } | null = null;
      if (step.filter) where = { sql: filterSql(step.filter, MEMBER_COLUMNS, params), values: params.values };
      else if (step.members) {
        where = { sql: 'm.person_id::text = any($1::text[])', values: [step.members.map((m) => m.value)] };
      }
      const removed = await groups.removeMembers(tx, group.id, where);
      await left(tx, group, removed, now, changed);
      return { removed };
    }
    case 'replace': {
      const wanted = new Set(step.members.map((m) => m.value));
      const gone = (await groups.memberIds(tx, group.id)).filter((personId) => !wanted.has(personId));
      const removed = await groups.removeMembers(tx, group.id, {
        sql: 'm.person_id = any($1::bigint[])',
        values: [gone],
      });
      await left(tx, group, removed, now, changed);
      return { removed, added: await addMembers(tx, group, step.members, now, changed) };
    }
  }
}

async function addMembers(
  tx: pg.PoolClient,
  group: groups.GroupRow,
  members: Member[],
  now: Date,
  changed: Set<string>,
): Promise<string[]> {
  const living = await groups.livingPeople(
    tx,
    members.map((m) => m.value),
  );
  // A member Plein does not know (not provisioned yet, or deleted) is left out rather than failing the request.
  const known = [...new Map(members.filter((m) => living.has(m.value)).map((m) => [m.value, m])).values()];
  const added = await groups.addMembers(
    tx,
    group.id,
    known.map((m) => ({ personId: m.value, display: m.display })),
  );
  await joined(tx, group, added, now, changed);
  return added;
}

/** DELETE: the provider's group goes; a role group's members lose what only it gave them; a community stays. */
export async function deleteGroup(deps: Deps, call: ScimCall, id: string): Promise<void> {
  const now = deps.clock.now();
  const changed = new Set<string>();
  await inTransaction(deps.db.pool, async (tx) => {
    const group = await groups.findGroup(tx, id, true);
    if (!group) throw notFound();
    requireVersion(call, group.updated_at);
    if (group.role) await left(tx, group, await groups.removeMembers(tx, group.id, null), now, changed);
    await groups.deleteGroup(tx, group.id);
    await audit(tx, call, 'scim.group.delete', group.id, { displayName: group.display_name }, undefined);
  });
  forget(deps, changed);
}

const requiredName = (value: unknown): string => {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ScimProblem(400, 'invalidValue', 'displayName is required.');
  }
  return value.trim().slice(0, 120);
};

const externalIdOf = (doc: Doc) =>
  typeof doc.externalId === 'string' && doc.externalId.trim() ? doc.externalId.trim() : null;

const memberField = (body: Doc) => Object.entries(body).find(([key]) => key.toLowerCase() === 'members')?.[1];

/** A group's community is closed: everyone sees it exists, its members read it (DESIGN.md "Who sees what"). */
async function newCommunity(tx: pg.PoolClient, name: string, now: Date): Promise<string> {
  const base = slugFromName(name);
  let slug = base;
  for (let n = 2; await slugTaken(tx, slug); n++) slug = slugCandidate(base, n);
  const row = await insertCommunity(
    tx,
    {
      slug,
      name,
      description: '',
      visibility: 'closed',
      kind: 'general',
      viabilityThreshold: DEFAULT_VIABILITY.general,
      sponsorId: null,
      createdBy: null,
    },
    now,
  );
  return row.id;
}

/** Roles changed: this node forgets what it cached of those people at once (the others within seconds). */
const forget = (deps: Deps, personIds: Set<string>) => {
  for (const id of personIds) deps.viewers.forgetPerson(id);
};

async function audit(
  tx: pg.PoolClient,
  call: ScimCall,
  action: string,
  groupId: string,
  before: unknown,
  after: Record<string, unknown> | undefined,
) {
  await writeAudit(tx, {
    actorId: null,
    action,
    targetType: 'scim_group',
    targetId: groupId,
    before,
    after: { ...after, scimTokenId: call.tokenId },
  });
}
