import type { z } from 'zod';
import type { CreatePerson, PeopleQuery, UpdateMe, UpdatePerson } from '../../../contract/people.js';
import { hashPassword, verifyPassword } from '../../platform/auth/secrets.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { badCursor, decodeCursor, isBigintText, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { badRequest, conflict, invalidField, notFound } from '../../platform/http/problem.js';
import { useAsAvatar } from '../attachments/post-content.js';
import { writeAudit } from '../audit/repository.js';
import { revokeAllAccess } from '../auth/repository.js';
import { presentProfile, presentSummary } from './present.js';
import * as people from './repository.js';

export async function listPeople(deps: Deps, query: z.infer<typeof PeopleQuery>) {
  const after = decodeCursor(query.cursor, ['string', 'string'] as const);
  if (after && !isBigintText(after[1])) throw badCursor();
  const rows = await people.listPeople(
    deps.db.pool,
    query,
    after ? { name: after[0], id: after[1] } : null,
    query.limit + 1,
  );
  return toPage(rows, query.limit, presentSummary, (row) => [row.name.toLowerCase(), row.id]);
}

export async function getProfile(deps: Deps, viewer: Viewer | null, handle: string) {
  const row = await people.findProfile(deps.db.pool, { handle }, viewer?.id ?? null);
  if (!row) throw notFound('person');
  return presentProfile(row);
}

export async function profileOf(deps: Deps, person: { id: string }, viewerId: string | null) {
  const row = await people.findProfile(deps.db.pool, { id: person.id }, viewerId);
  if (!row) throw notFound('person');
  return presentProfile(row);
}

/** The signed-in person's own view of themselves, including what only they see. */
export async function me(deps: Deps, viewer: Viewer) {
  const row = await people.findProfile(deps.db.pool, { id: viewer.id }, viewer.id);
  if (!row) throw notFound('person');
  return { ...presentProfile(row), email: row.email, locale: row.locale };
}

export async function createPerson(deps: Deps, actor: Viewer | null, input: z.infer<typeof CreatePerson>) {
  const now = deps.clock.now();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inTransaction(deps.db.pool, async (tx) => {
    if (await people.findByEmail(tx, input.email)) {
      throw conflict('A person with this email exists already.', [{ field: 'email', message: 'is taken' }]);
    }
    let handle = input.handle;
    if (handle && (await people.handleTaken(tx, handle))) {
      throw conflict('This handle is taken.', [{ field: 'handle', message: 'is taken' }]);
    }
    handle ??= await freeHandle(tx, input.email);
    const managerId = input.managerHandle ? await managerIdOf(tx, input.managerHandle) : null;
    const row = await people.insertPerson(
      tx,
      {
        handle,
        email: input.email,
        name: input.name,
        title: input.title,
        department: input.department,
        location: input.location,
        timeZone: input.timeZone,
        managerId,
        isLeader: input.leader,
        role: input.role,
        skills: dedupe(input.skills),
        bio: input.bio,
        locale: input.locale ?? null,
        passwordHash,
        // Without an actor it is the first admin, made from the configuration at start (bootstrap.ts).
        provisionedVia: actor ? 'admin' : 'bootstrap',
      },
      now,
    );
    await writeAudit(tx, {
      actorId: actor?.id ?? null,
      action: 'person.create',
      targetType: 'person',
      targetId: row.id,
      after: auditable(row),
    });
    return row;
  });
}

/** A readable handle from the email's local part, made unique with a number when needed. */
export async function freeHandle(
  db: Parameters<typeof people.handleTaken>[0],
  email: string,
): Promise<string> {
  const base =
    email
      .split('@')[0]!
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9._-]/g, '')
      .replace(/^[._-]+|[._-]+$/g, '')
      .slice(0, 36) || 'person';
  const padded = base.length < 2 ? `${base}0` : base;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? padded : `${padded}${n}`;
    if (!(await people.handleTaken(db, candidate))) return candidate;
  }
}

async function managerIdOf(db: Parameters<typeof people.findByHandle>[0], handle: string): Promise<string> {
  const manager = await people.findByHandle(db, handle);
  if (!manager) throw invalidField('managerHandle', `no person has the handle "${handle}"`);
  return manager.id;
}

export async function updateMe(deps: Deps, viewer: Viewer, input: z.infer<typeof UpdateMe>) {
  const { password, currentPassword, skills, ...rest } = input;
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const row = await people.findById(tx, viewer.id);
    if (!row) throw notFound('person');
    let passwordHash: string | undefined;
    if (password !== undefined) {
      if (row.password_hash && !(await verifyPassword(row.password_hash, currentPassword ?? ''))) {
        throw invalidField('currentPassword', 'is not your current password');
      }
      passwordHash = await hashPassword(password);
    }
    await useAsAvatar(tx, rest.avatarUrl, { personId: viewer.id, actorId: viewer.id });
    await people.updatePerson(
      tx,
      viewer.id,
      { ...rest, skills: skills && dedupe(skills), passwordHash },
      now,
    );
  });
  // A new name, handle or language shows in the very next request on this node.
  deps.viewers.forgetPerson(viewer.id);
  return me(deps, viewer);
}

/** Admins change anyone; deactivation ends that person's sessions and tokens in the same transaction. */
export async function updatePerson(
  deps: Deps,
  actor: Viewer,
  handle: string,
  input: z.infer<typeof UpdatePerson>,
) {
  const { password, managerHandle, leader, skills, ...rest } = input;
  const now = deps.clock.now();
  const passwordHash = password ? await hashPassword(password) : undefined;
  const updated = await inTransaction(deps.db.pool, async (tx) => {
    const before = await people.findByHandle(tx, handle);
    if (!before) throw notFound('person');
    if (input.status === 'deactivated' && before.id === actor.id) {
      throw badRequest('You cannot deactivate yourself; ask another admin.', [
        { field: 'status', message: 'cannot deactivate yourself' },
      ]);
    }
    if (
      input.email &&
      input.email.toLowerCase() !== before.email?.toLowerCase() &&
      (await people.findByEmail(tx, input.email))
    ) {
      throw conflict('A person with this email exists already.', [{ field: 'email', message: 'is taken' }]);
    }
    if (
      input.handle &&
      input.handle.toLowerCase() !== before.handle.toLowerCase() &&
      (await people.handleTaken(tx, input.handle))
    ) {
      throw conflict('This handle is taken.', [{ field: 'handle', message: 'is taken' }]);
    }
    let managerId: string | null | undefined;
    if (managerHandle === null) managerId = null;
    else if (managerHandle !== undefined) {
      managerId = await managerIdOf(tx, managerHandle);
      if (await people.wouldCreateCycle(tx, before.id, managerId)) {
        throw invalidField('managerHandle', 'would make this person their own (indirect) manager');
      }
    }
    await useAsAvatar(tx, rest.avatarUrl, { personId: before.id, actorId: actor.id });
    const after = await people.updatePerson(
      tx,
      before.id,
      { ...rest, managerId, isLeader: leader, skills: skills && dedupe(skills), passwordHash },
      now,
    );
    await endAccessIfDeactivated(tx, before, input.status, now);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'person.update',
      targetType: 'person',
      targetId: before.id,
      before: auditable(before),
      after: { ...auditable(after), ...(password ? { password: 'changed' } : {}) },
    });
    return after;
  });
  // Deactivation, a new role or leader flag: this node stops trusting what it cached at once; other nodes
  // within the cache's few seconds (auth/viewer-cache.ts).
  deps.viewers.forgetPerson(updated.id);
  return profileOf(deps, updated, actor.id);
}

/** Deactivation ends every session and API token at once (admins here, SCIM provisioning in modules/scim). */
export async function endAccessIfDeactivated(
  tx: Queryable,
  before: { id: string; status: string },
  status: string | undefined,
  now: Date,
): Promise<void> {
  if (status === 'deactivated' && before.status !== 'deactivated') await revokeAllAccess(tx, before.id, now);
}

export async function follow(deps: Deps, viewer: Viewer, handle: string, on: boolean): Promise<void> {
  const target = await people.findByHandle(deps.db.pool, handle);
  if (!target) throw notFound('person');
  if (target.id === viewer.id) throw badRequest('You cannot follow yourself.');
  if (on) await people.follow(deps.db.pool, viewer.id, target.id, deps.clock.now());
  else await people.unfollow(deps.db.pool, viewer.id, target.id);
}

const dedupe = (skills: string[]) => [...new Map(skills.map((s) => [s.toLowerCase(), s])).values()];

/** Everything about a person worth an audit trail; never the password hash. */
function auditable(row: people.PersonRow) {
  const { password_hash: _hash, created_at: _created, ...rest } = row;
  return rest;
}
