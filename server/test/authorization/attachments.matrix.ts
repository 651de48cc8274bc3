import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { multipart } from '../../modules/attachments/testing.js';
import { createStorage } from '../../platform/storage/storage.js';
import { testConfig } from '../harness.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type Visibility, type World } from './world.js';

/** A file is read like its post: everyone in an open community, members of a closed one (403), secret (404). */
const readers = (visibility: Visibility): Expectation =>
  visibility === 'open'
    ? statuses.anyPerson(200)
    : statuses.membersOnly(200, visibility === 'closed' ? 403 : 404);

/** A stored file: on the place's thread, or a draft of the place's member; its bytes in this worker's storage. */
async function storedFile(world: World, place: Place, on: 'thread' | 'draft') {
  const key = `files/matrix/${randomUUID()}`;
  const bytes = Buffer.from(`file ${place.marker}`);
  await createStorage(testConfig().storage).put(key, Readable.from([bytes]), bytes.length, 'text/plain');
  const { rows } = await world.db.query<{ id: string }>(
    `insert into attachments (owner_id, thread_id, status, name, content_type, is_image, size_bytes, sha256, storage_key)
     values ($1, $2, 'ready', $3, 'text/plain', false, $4, 'x', $5) returning id`,
    [place.member.id, on === 'thread' ? place.thread.id : null, `${place.marker}.txt`, bytes.length, key],
  );
  return rows[0]!.id;
}

const rowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'GET /api/v1/attachments/:id',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/attachments/${await storedFile(world, place, 'thread')}`,
    }),
    expect: readers(visibility),
  },
  {
    route: 'GET /api/v1/attachments/:id/content',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/attachments/${await storedFile(world, place, 'thread')}/content`,
    }),
    expect: readers(visibility),
  },
  {
    route: 'GET /api/v1/threads/:id/attachments',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/threads/${place.thread.id}/attachments` }),
    expect: readers(visibility),
  },
];

/** A draft is its uploader's alone: everyone else is told it does not exist. */
const uploaderOnly: Expectation = {
  anonymous: 401,
  member: 200,
  nonMember: 404,
  owner: 404,
  leader: 404,
  admin: 404,
  deactivated: 401,
};

export const attachmentsMatrix: MatrixRow[] = [
  ...VISIBILITIES.flatMap(rowsFor),
  {
    route: 'GET /api/v1/attachments/:id/content',
    on: 'none',
    request: async (world, place) => ({
      url: `/api/v1/attachments/${await storedFile(world, place, 'draft')}/content`,
    }),
    expect: uploaderOnly,
  },
  {
    route: 'POST /api/v1/attachments',
    on: 'none',
    request: () => {
      const body = multipart(Buffer.from('matrix notes'), 'notes.txt');
      return { url: '/api/v1/attachments', body: body.payload, headers: body.headers };
    },
    expect: statuses.anyPerson(201),
  },
  {
    route: 'GET /api/v1/settings/attachments',
    on: 'none',
    request: () => ({ url: '/api/v1/settings/attachments' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/settings/attachments',
    on: 'none',
    // The defaults again: a change that changes nothing still needs the role.
    request: () => ({ url: '/api/v1/settings/attachments', body: {} }),
    expect: statuses.adminOnly(200),
  },
];
