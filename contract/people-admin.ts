import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';
import { InvitationStatus } from './invitations.js';
import { Role } from './people.js';

/**
 * How a person came into Plein: provisioned by SCIM, created at a first single sign-on, invited, imported from
 * another network, drawn by the demo, added by an admin, or the first admin made from the configuration;
 * `unknown` for people from before this was recorded.
 */
export const PersonSource = z.enum([
  'scim',
  'sso',
  'invite',
  'import',
  'demo',
  'admin',
  'bootstrap',
  'unknown',
]);

/** active: signed in at least once; pending: active, never signed in (invited or provisioned); deactivated. */
export const AdminPersonStatus = z.enum(['active', 'pending', 'deactivated']);

export const AdminPeopleQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: AdminPersonStatus.optional(),
  source: PersonSource.optional(),
});

/** A person as admins see them: what the directory shows plus how they came in and when they last signed in. */
export const AdminPerson = z.object({
  id: Id,
  handle: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  title: z.string(),
  department: z.string(),
  role: Role,
  isLeader: z.boolean(),
  status: AdminPersonStatus,
  provisionedVia: PersonSource,
  provisionedAt: Timestamp.nullable(),
  /** Kept in step by the organisation's identity provider over SCIM: change them there, not in Plein. */
  scimManaged: z.boolean(),
  invitedAt: Timestamp.nullable(),
  activatedAt: Timestamp.nullable(),
  lastSignInAt: Timestamp.nullable(),
  /** The latest invitation, if the person was ever invited. */
  invitation: z.object({ id: Id, status: InvitationStatus }).nullable(),
  createdAt: Timestamp,
});
