import { randomBytes } from 'node:crypto';
import { buildPerson, unique } from '../factories.js';
import { type MatrixRow, statuses } from './matrix.js';

/** An open invitation of a fresh person, made directly (the invitation module's own tests go through HTTP). */
async function openInvitation(world: Parameters<MatrixRow['request']>[0]): Promise<string> {
  const person = await buildPerson(world.db);
  const { rows } = await world.db.query<{ id: string }>(
    `insert into invitations (person_id, token_hash, created_at, sent_at, expires_at)
     values ($1, md5(random()::text), now(), now(), now() + interval '7 days') returning id`,
    [person.id],
  );
  return rows[0]!.id;
}

const secret = () => randomBytes(32).toString('base64url');

export const invitationsMatrix: MatrixRow[] = [
  {
    route: 'POST /api/v1/admin/invitations',
    on: 'none',
    request: () => ({
      url: '/api/v1/admin/invitations',
      body: { email: `${unique('inv')}@example.test`, name: 'N' },
    }),
    expect: statuses.adminOnly(201),
  },
  {
    route: 'POST /api/v1/admin/invitations/csv',
    on: 'none',
    request: () => ({
      url: '/api/v1/admin/invitations/csv',
      body: { csv: `Email,First Name\n${unique('csv')}@example.test,C\n` },
    }),
    expect: statuses.adminOnly(201),
  },
  {
    route: 'GET /api/v1/admin/invitations',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/invitations' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'POST /api/v1/admin/invitations/:id/resend',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/admin/invitations/${await openInvitation(world)}/resend` }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'DELETE /api/v1/admin/invitations/:id',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/admin/invitations/${await openInvitation(world)}` }),
    expect: statuses.adminOnly(204),
  },
  {
    route: 'POST /api/v1/invitations/preview',
    on: 'none',
    // A secret nobody was given: nobody learns anything, signed in or not.
    request: () => ({ url: '/api/v1/invitations/preview', body: { token: secret() } }),
    expect: statuses.everyone(404),
  },
  {
    route: 'POST /api/v1/invitations/accept',
    on: 'none',
    request: () => ({
      url: '/api/v1/invitations/accept',
      body: { token: secret(), password: 'a long enough password' },
    }),
    expect: statuses.everyone(404),
  },
  {
    route: 'POST /api/v1/auth/magic-link',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/magic-link', body: { email: `${unique('ml')}@example.test` } }),
    expect: statuses.everyone(200),
  },
  {
    route: 'POST /api/v1/auth/magic-link/sign-in',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/magic-link/sign-in', body: { token: secret() } }),
    expect: statuses.everyone(401),
  },
];
