import { unsubscribeToken } from '../../modules/mail/tokens.js';
import { buildCommunity, buildPerson, buildThread } from '../factories.js';
import { TEST_MAIL_SECRET } from '../harness.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type Visibility, type World } from './world.js';

const readers = (visibility: Visibility, ok: number): Expectation =>
  visibility === 'open'
    ? statuses.anyPerson(ok)
    : statuses.membersOnly(ok, visibility === 'closed' ? 403 : 404);
const visibleTo = (visibility: Visibility, ok: number): Expectation =>
  visibility === 'secret' ? statuses.membersOnly(ok, 404) : statuses.anyPerson(ok);

/** Opening a community to mail is a setting: owners, and admins where they can see it; 404 hides a secret one. */
const managers = (visibility: Visibility, ok: number): Expectation =>
  visibility === 'secret'
    ? { ...statuses.membersOnly(ok, 404), member: 403 }
    : { ...statuses.anyPerson(403), owner: ok, admin: ok };

const freshThread = (world: World, place: Place) =>
  buildThread(world.db, { author: place.member, community: place.community });
const freshCommunity = (world: World, place: Place, visibility: Visibility) =>
  buildCommunity(world.db, { visibility, owners: [place.owner], members: [place.member] });

/** A one-click link of someone outside the world: its token is the only credential it needs. */
const unsubscribeUrl = async (world: World, base: string) =>
  `${base}${unsubscribeToken(TEST_MAIL_SECRET, (await buildPerson(world.db)).id, 'mention')}`;

export const mailMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/me/mail',
    on: 'none',
    request: () => ({ url: '/api/v1/me/mail' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'PATCH /api/v1/me/mail',
    on: 'none',
    request: () => ({ url: '/api/v1/me/mail', body: { digest: 'weekly' } }),
    expect: statuses.anyPerson(200),
  },
  ...VISIBILITIES.flatMap((visibility): MatrixRow[] =>
    (['PUT', 'DELETE'] as const).flatMap((method): MatrixRow[] => [
      {
        route: `${method} /api/v1/threads/:id/mail-mute`,
        on: visibility,
        request: async (world, place) => ({
          url: `/api/v1/threads/${(await freshThread(world, place)).id}/mail-mute`,
        }),
        expect: readers(visibility, 204),
      },
      {
        route: `${method} /api/v1/groups/:slug/mail-in`,
        on: visibility,
        request: async (world, place) => ({
          url: `/api/v1/groups/${(await freshCommunity(world, place, visibility)).slug}/mail-in`,
        }),
        expect: managers(visibility, 200),
      },
      {
        route: `${method} /api/v1/groups/:slug/mail-mute`,
        on: visibility,
        request: async (world, place) => ({
          url: `/api/v1/groups/${(await freshCommunity(world, place, visibility)).slug}/mail-mute`,
        }),
        expect: visibleTo(visibility, 204),
      },
    ]),
  ),
  {
    route: 'GET /api/v1/admin/outbox',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/outbox' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'GET /api/v1/admin/outbox/status',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/outbox/status' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'GET /api/v1/settings/mail',
    on: 'none',
    request: () => ({ url: '/api/v1/settings/mail' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/settings/mail',
    on: 'none',
    request: () => ({ url: '/api/v1/settings/mail', body: { digest: 'weekly' } }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'GET /api/v1/mail/unsubscribe/:token',
    on: 'none',
    request: async (world) => ({ url: await unsubscribeUrl(world, '/api/v1/mail/unsubscribe/') }),
    expect: statuses.everyone(200),
  },
  {
    route: 'POST /unsubscribe/:token',
    on: 'none',
    request: async (world) => ({ url: await unsubscribeUrl(world, '/unsubscribe/'), body: {} }),
    expect: statuses.everyone(200),
  },
  {
    // Only the provider's shared secret opens the inbound webhook: no session or API token does, an admin's neither.
    route: 'POST /api/v1/mail/inbound',
    on: 'none',
    request: () => ({ url: '/api/v1/mail/inbound', body: {} }),
    expect: statuses.everyone(401),
  },
];
