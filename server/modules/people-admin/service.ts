import type { z } from 'zod';
import type { AdminPeopleQuery, AdminPerson } from '../../../contract/people-admin.js';
import { badCursor, decodeCursor, isBigintText, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { type AdminPersonRow, listPeople } from './repository.js';

/** The admins' people list; the route lets only admins in, as these fields are theirs alone. */
export async function listForAdmins(deps: Deps, query: z.infer<typeof AdminPeopleQuery>) {
  const after = decodeCursor(query.cursor, ['string', 'string'] as const);
  if (after && !isBigintText(after[1])) throw badCursor();
  const rows = await listPeople(
    deps.db.pool,
    query,
    after ? { name: after[0], id: after[1] } : null,
    query.limit + 1,
    deps.clock.now(),
  );
  return toPage(rows, query.limit, present, (row) => [row.name.toLowerCase(), row.id]);
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

function present(row: AdminPersonRow): z.input<typeof AdminPerson> {
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    email: row.email,
    title: row.title,
    department: row.department,
    role: row.role,
    isLeader: row.is_leader,
    status: row.status,
    provisionedVia: row.source as z.input<typeof AdminPerson>['provisionedVia'],
    provisionedAt: iso(row.provisioned_at),
    scimManaged: row.scim_managed,
    invitedAt: iso(row.invited_at),
    activatedAt: iso(row.activated_at),
    lastSignInAt: iso(row.last_sign_in_at),
    invitation:
      row.invitation_id && row.invitation_status
        ? { id: row.invitation_id, status: row.invitation_status }
        : null,
    createdAt: row.created_at.toISOString(),
  };
}
