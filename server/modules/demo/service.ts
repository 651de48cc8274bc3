import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEMO_EMAIL_DOMAIN } from '../../demo/organisation.js';
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

export async function listPeople(deps: Deps, request: FastifyRequest) {
  requireDemo(deps, request);
  const rows = await demo.listDemoPeople(deps.db.pool, DEMO_EMAIL_DOMAIN);
  return { items: rows.map((row) => ({ ...presentSummary(row), role: row.role })), nextCursor: null };
}

/** Signs in as a demo person without a password; only people of the demo organisation, never anyone else. */
export async function loginAs(deps: Deps, request: FastifyRequest, reply: FastifyReply, handle: string) {
  requireDemo(deps, request);
  const person = await demo.findDemoPerson(deps.db.pool, handle, DEMO_EMAIL_DOMAIN);
  if (!person) throw notFound('demo person');
  return openSession(deps, request, reply, person.id);
}
