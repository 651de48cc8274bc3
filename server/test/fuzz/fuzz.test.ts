import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../app.js';
import { makeGoal } from '../../modules/goals/testing.js';
import { manualClock } from '../../platform/clock.js';
import { buildWorld, type World } from '../authorization/world.js';
import type { Credentials } from '../client.js';
import { sessionFor } from '../factories.js';
import { ownTestDatabase, testApp } from '../harness.js';
import { fingerprinter } from './fingerprint.js';
import {
  describeRequest,
  type FuzzActor,
  type FuzzRequest,
  type KnownValues,
  requestArb,
} from './requests.js';

/**
 * The class test for hostile input (issue 17): every route, from its zod contract, gets valid, boundary and hostile
 * requests from a member, an admin, a cookie session and nobody. No answer is a 5xx, every error is problem+json,
 * and a rejected request changes no row. `npm run fuzz -- --runs 500 --seed N` runs it longer.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 17);

/** Query parameters a route always gets: the event stream would otherwise stay open. */
const PINNED_QUERY: Record<string, string> = { 'GET /api/v1/events': 'once=1' };

const clock = manualClock(new Date());
let ctx: Awaited<ReturnType<typeof testApp>>;
let world: World;
let credentials: Record<FuzzActor, Credentials>;
let known: KnownValues;
let fingerprint: () => Promise<string>;
let addresses = 0;
let settingsAtStart: unknown[] = [];
let own: Awaited<ReturnType<typeof ownTestDatabase>>;

beforeAll(async () => {
  // Its own database: every request's fingerprint counts every table, and the shared one holds all earlier files' rows.
  own = await ownTestDatabase();
  ctx = await testApp({ clock, config: { demo: true }, db: own.db });
  world = await buildWorld(ctx.db.pool);
  credentials = {
    member: world.credentials.member,
    admin: world.credentials.admin,
    anonymous: null,
    session: null,
  };
  const places = Object.values(world.places);
  const goal = await makeGoal(ctx.db.pool, {
    owner: world.people.leader,
    communities: [world.places.open.community],
  });
  known = {
    id: [...places.flatMap((place) => [place.thread.id, place.reply.id]), world.theme.id, goal.id, '1'],
    slug: places.map((place) => place.community.slug),
    handle: [world.people.member, world.people.owner, world.people.admin].map((person) => person.handle),
    tag: places.map((place) => place.marker.toLowerCase()),
  };
  fingerprint = await fingerprinter(ctx.db.pool);
  settingsAtStart = (await ctx.db.pool.query('select * from settings')).rows;
});

// The admin's PATCH /api/v1/settings changes the organisation for every later test file on this database.
afterAll(async () => {
  await ctx.db.pool.query('delete from settings');
  await ctx.db.pool.query(
    'insert into settings select * from jsonb_populate_recordset(null::settings, $1::jsonb)',
    [JSON.stringify(settingsAtStart)],
  );
  await ctx.app.close();
  await own.close();
});

/** An admin may deactivate the member and anyone may sign out or revoke a token: each route starts afresh. */
async function restoreActors() {
  const ids = [world.people.member.id, world.people.admin.id];
  await ctx.db.pool.query(
    `update people set status = 'active', role = case when id = $2 then 'admin' else 'member' end
      where id = any($1::bigint[])`,
    [ids, world.people.admin.id],
  );
  await ctx.db.pool.query('update api_tokens set revoked_at = null where person_id = any($1::bigint[])', [
    ids,
  ]);
  // Signing out ends the session: a new one per route.
  credentials.session = await sessionFor(ctx.db.pool, world.people.member);
  for (const id of ids) ctx.deps.viewers.forgetPerson(id);
}

function send(request: FuzzRequest): Promise<LightMyRequestResponse> {
  const given = credentials[request.actor];
  // A fresh address each time, so the per-address sign-in throttle never turns the run into 429s.
  const headers: Record<string, string> = {
    'x-forwarded-for': `10.${(++addresses >> 8) & 255}.${addresses & 255}.1`,
  };
  if (given && 'bearer' in given) headers.authorization = `Bearer ${given.bearer}`;
  if (given && 'cookie' in given) {
    headers.cookie = `plein_session=${given.cookie}`;
    headers['x-csrf-token'] = given.csrfToken;
  }
  let payload: string | Buffer | undefined;
  if (request.body && 'json' in request.body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(request.body.json) ?? 'null';
  } else if (request.body) {
    headers['content-type'] = request.body.contentType;
    payload = request.body.raw;
  }
  return ctx.app.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
}

function expectProblem(response: LightMyRequestResponse, what: string) {
  expect(response.statusCode, `${what} → ${response.body.slice(0, 500)}`).toBeLessThan(500);
  if (response.statusCode < 400) return;
  // A URL too broken to route (bad percent-encoding) is refused before SCIM's scope: problem+json like any other.
  if (what.includes(' /scim/') && /^application\/scim\+json/.test(String(response.headers['content-type']))) {
    // SCIM speaks its own error shape (RFC 7644 §3.12), which provisioning clients parse.
    const error = JSON.parse(response.body) as { schemas: string[]; status: unknown; detail: unknown };
    expect(error.schemas, what).toContain('urn:ietf:params:scim:api:messages:2.0:Error');
    expect(error.status, what).toBe(String(response.statusCode));
    return;
  }
  expect(response.headers['content-type'], what).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.body) as { status: unknown; title: unknown; detail: unknown };
  expect(problem.status, what).toBe(response.statusCode);
  expect(typeof problem.title === 'string' && problem.title.length > 0, what).toBe(true);
  expect(typeof problem.detail === 'string' && problem.detail.length > 0, what).toBe(true);
}

describe('fuzz: every route from its contract, on the real database', () => {
  let last: string | null = null;
  it.each(allRoutes.map((route, index) => [`${route.method} ${route.url}`, route, index] as const))(
    '%s',
    async (key, route, index) => {
      await restoreActors();
      last = null;
      const property = fc.asyncProperty(requestArb(route, known, PINNED_QUERY[key]), async (request) => {
        // Past the write limit's window each time; time-dependent rules see a plausible now.
        clock.advance(500);
        const before = last ?? (await fingerprint());
        const started = performance.now();
        const response = await send(request);
        if (process.env.FUZZ_DEBUG)
          console.log(
            Math.round(performance.now() - started),
            response.statusCode,
            describeRequest(request).slice(0, 200),
          );
        const what = describeRequest(request);
        expectProblem(response, what);
        if (response.statusCode >= 400) {
          expect(await fingerprint(), `a rejected request changed rows: ${what}`).toBe(before);
          last = before;
        } else {
          last = null;
        }
      });
      await fc.assert(property, { seed: SEED + index, numRuns: RUNS, endOnFailure: true });
    },
    120_000,
  );
});
