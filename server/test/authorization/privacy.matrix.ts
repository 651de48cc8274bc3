import { buildPerson } from '../factories.js';
import { type MatrixRow, statuses } from './matrix.js';
import { VISIBILITIES, type World } from './world.js';

const freshPerson = (world: World, role: 'member' | 'admin' = 'member') => buildPerson(world.db, { role });

async function freshHold(world: World): Promise<string> {
  const person = await freshPerson(world);
  const { rows } = await world.db.query<{ id: string }>(
    `insert into legal_holds (target_type, person_id, reason, placed_by) values ('person', $1, 'matrix', $2)
     returning id`,
    [person.id, world.people.admin.id],
  );
  return rows[0]!.id;
}

const from = '2025-01-01T00:00:00Z';
const to = '2025-02-01T00:00:00Z';

export const privacyMatrix: MatrixRow[] = [
  {
    route: 'POST /api/v1/me/exports',
    on: 'none',
    request: () => ({ url: '/api/v1/me/exports' }),
    expect: statuses.anyPerson(201),
  },
  {
    route: 'GET /api/v1/me/exports',
    on: 'none',
    request: () => ({ url: '/api/v1/me/exports' }),
    expect: statuses.anyPerson(200),
  },
  // The member's own export, still being prepared: 409 for them, and for everyone else it does not exist.
  {
    route: 'GET /api/v1/exports/:id/download',
    on: 'none',
    request: async (world) => {
      const { rows } = await world.db.query<{ id: string }>(
        `insert into privacy_exports (kind, recipient_id, subject_id, requested_by) values ('person', $1, $1, $1)
         returning id`,
        [world.people.member.id],
      );
      return { url: `/api/v1/exports/${rows[0]!.id}/download` };
    },
    expect: { ...statuses.anyPerson(404), member: 409 },
  },
  {
    route: 'POST /api/v1/people/:handle/exports',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/people/${(await freshPerson(world)).handle}/exports` }),
    expect: statuses.adminOnly(201),
  },
  {
    route: 'GET /api/v1/people/:handle/exports',
    on: 'none',
    request: (world) => ({ url: `/api/v1/people/${world.people.member.handle}/exports` }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'POST /api/v1/people/:handle/erasure',
    on: 'none',
    request: async (world) => {
      const person = await freshPerson(world);
      return { url: `/api/v1/people/${person.handle}/erasure`, body: { confirm: person.handle } };
    },
    expect: statuses.adminOnly(200),
  },
  {
    route: 'GET /api/v1/privacy/retention',
    on: 'none',
    request: () => ({ url: '/api/v1/privacy/retention' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'PUT /api/v1/privacy/retention',
    on: 'none',
    request: () => ({ url: '/api/v1/privacy/retention', body: { erasedPosts: 'anonymise' } }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'GET /api/v1/privacy/retention/preview',
    on: 'none',
    request: () => ({ url: '/api/v1/privacy/retention/preview' }),
    expect: statuses.adminOnly(200),
  },
  // A community's own retention: admins only (its owners too are refused), never a secret one they are not in.
  ...VISIBILITIES.flatMap((visibility): MatrixRow[] => [
    {
      route: 'PUT /api/v1/privacy/retention/communities/:slug',
      on: visibility,
      request: (_world, place) => ({
        url: `/api/v1/privacy/retention/communities/${place.community.slug}`,
        body: { days: 3650, action: 'anonymise' },
      }),
      expect: statuses.adminOnly(visibility === 'secret' ? 404 : 200),
    },
    {
      route: 'DELETE /api/v1/privacy/retention/communities/:slug',
      on: visibility,
      request: async (world, place) => {
        await world.db.query(
          `insert into community_retention (community_id, days) values ($1, 3650)
           on conflict (community_id) do nothing`,
          [place.community.id],
        );
        return { url: `/api/v1/privacy/retention/communities/${place.community.slug}` };
      },
      expect: statuses.adminOnly(visibility === 'secret' ? 404 : 204),
    },
  ]),
  {
    route: 'GET /api/v1/privacy/holds',
    on: 'none',
    request: () => ({ url: '/api/v1/privacy/holds' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'POST /api/v1/privacy/holds',
    on: 'none',
    request: async (world) => ({
      url: '/api/v1/privacy/holds',
      body: { targetType: 'person', handle: (await freshPerson(world)).handle, reason: 'matrix' },
    }),
    expect: statuses.adminOnly(201),
  },
  // A hold on a community: admins only, and a secret one they are not in does not exist for them.
  ...VISIBILITIES.map(
    (visibility): MatrixRow => ({
      route: 'POST /api/v1/privacy/holds',
      on: visibility,
      request: async (world, place) => {
        await world.db.query('update legal_holds set released_at = now() where community_id = $1', [
          place.community.id,
        ]);
        return {
          url: '/api/v1/privacy/holds',
          body: { targetType: 'community', slug: place.community.slug, reason: 'matrix' },
        };
      },
      expect: statuses.adminOnly(visibility === 'secret' ? 404 : 201),
    }),
  ),
  {
    route: 'DELETE /api/v1/privacy/holds/:id',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/privacy/holds/${await freshHold(world)}` }),
    expect: statuses.adminOnly(204),
  },
  ...(['PUT', 'DELETE'] as const).map(
    (method): MatrixRow => ({
      route: `${method} /api/v1/people/:handle/compliance-officer`,
      on: 'none',
      request: async (world) => ({
        url: `/api/v1/people/${(await freshPerson(world, 'admin')).handle}/compliance-officer`,
      }),
      expect: statuses.adminOnly(204),
    }),
  ),
  // eDiscovery is granted explicitly: a compliance officer's scope takes every community, secret ones included.
  ...(['none', ...VISIBILITIES] as const).map(
    (on): MatrixRow => ({
      route: 'POST /api/v1/compliance/ediscovery',
      on,
      // The matrix's admin is a compliance officer here: an admin without the role gets 403 (privacy.test.ts).
      request: async (world, place) => {
        await world.db.query('update people set compliance_officer = true where id = $1', [
          world.people.admin.id,
        ]);
        return {
          url: '/api/v1/compliance/ediscovery',
          body: { from, to, ...(on === 'none' ? {} : { community: place.community.slug }) },
        };
      },
      expect: statuses.adminOnly(201),
    }),
  ),
];
