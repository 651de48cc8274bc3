import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Queryable } from '../../platform/db/database.js';
import { type Client, client } from '../../test/client.js';
import { buildPerson, type TestPerson, tokenFor } from '../../test/factories.js';
import { rowCounts } from '../../test/row-counts.js';

export type Actor = TestPerson & { api: Client };

/** A new person and an API client signed in as them (Bearer: no CSRF dance in tests of content). */
export async function actor(
  app: FastifyInstance,
  db: Queryable,
  overrides: Parameters<typeof buildPerson>[1] = {},
): Promise<Actor> {
  const person = await buildPerson(db, overrides);
  return { ...person, api: client(app, await tokenFor(db, person)) };
}

/** The notifications a person has, oldest first, as (kind, thread) pairs worth asserting on. */
export async function notificationsOf(db: Queryable, personId: string) {
  const { rows } = await db.query<{
    kind: string;
    thread_id: string | null;
    reply_id: string | null;
    actor_id: string | null;
  }>('select kind, thread_id, reply_id, actor_id from notifications where recipient_id = $1 order by id', [
    personId,
  ]);
  return rows;
}

/** Asserts a request is refused with `status`, naming `field` when given, and that nothing was stored. */
export async function expectRejected(
  db: Queryable,
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  field?: string,
): Promise<LightMyRequestResponse> {
  const before = await rowCounts(db);
  const response = await send();
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  if (field) expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await rowCounts(db)).toEqual(before);
  return response;
}

/** A page as lists return it. */
export type Page<T> = { items: T[]; nextCursor: string | null };
