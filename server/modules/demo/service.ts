import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANCHOR_HANDLES, DEMO_EMAIL_DOMAIN } from '../../demo/organisation.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound, Problem } from '../../platform/http/problem.js';
import { openSession } from '../auth/service.js';
import { presentSummary } from '../people/present.js';
import * as demo from './repository.js';

/** Outside demo mode these routes answer exactly like a route that does not exist. */
function requireDemo(deps: Deps, request: FastifyRequest): void {
  if (!deps.config.demo) {
    throw new Problem(404, 'Not Found', `No route ${request.method} ${request.url.split('?')[0]}.`);
  }
}

/** How many people a search in the picker shows; the demo organisation can be large. */
const SEARCH_LIMIT = 20;

/** Without a query: the demo's named people (a CEO, leaders, an admin, a community manager …); with one: a search. */
export async function listPeople(deps: Deps, request: FastifyRequest, q: string | undefined) {
  requireDemo(deps, request);
  const rows = q
    ? await demo.searchDemoPeople(deps.db.pool, DEMO_EMAIL_DOMAIN, q, SEARCH_LIMIT)
    : await demo.findDemoPeople(deps.db.pool, DEMO_EMAIL_DOMAIN, ANCHOR_HANDLES);
  return { items: rows.map((row) => ({ ...presentSummary(row), role: row.role })), nextCursor: null };
}

/** Signs in as a demo person without a password; only people of the demo organisation, never anyone else. */
export async function loginAs(deps: Deps, request: FastifyRequest, reply: FastifyReply, handle: string) {
  requireDemo(deps, request);
  const person = await demo.findDemoPerson(deps.db.pool, handle, DEMO_EMAIL_DOMAIN);
  if (!person) throw notFound('demo person');
  return openSession(deps, request, reply, person.id);
}
