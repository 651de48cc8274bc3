import type pg from 'pg';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { writeAudit } from '../audit/repository.js';
import { endAccessIfDeactivated } from '../people/service.js';
import { canonical, type Doc, USER_TOP } from './document.js';
import { parseFilter } from './filter.js';
import { filterSql, SqlParams, USER_COLUMNS } from './filter-sql.js';
import { applyPatch, readOperations } from './patch.js';
import { listResponse, presentUser, project } from './present.js';
import { ScimProblem } from './problem.js';
import { type ListQuery, pageOf, requireVersion, type ScimCall } from './request.js';
import { fieldsOf, freeHandle, pickEmail } from './user-fields.js';
import * as users from './users-repository.js';

const notFound = () => new ScimProblem(404, undefined, 'No such User.');

export async function getUser(deps: Deps, call: ScimCall, id: string, query: ListQuery) {
  const row = await users.findUser(deps.db.pool, id);
  if (!row) throw notFound();
  return withVersion(call, presentUser(row, call.base), query);
}

export async function listUsers(deps: Deps, call: ScimCall, query: ListQuery) {
  const params = new SqlParams();
  const where = query.filter ? filterSql(parseFilter(query.filter), USER_COLUMNS, params) : 'true';
  const { startIndex, count } = pageOf(query);
  const { rows, total } = await users.listUsers(
    deps.db.pool,
    { sql: where, values: params.values },
    startIndex - 1,
    count,
  );
  const resources = rows.map((row) =>
    project(presentUser(row, call.base), query.attributes, query.excludedAttributes),
  );
  return listResponse(resources, total, startIndex);
}

export async function createUser(deps: Deps, call: ScimCall, body: Doc) {
  const doc = canonical(USER_TOP, body);
  const now = deps.clock.now();
  const id = await inTransaction(deps.db.pool, async (tx) => {
    const fields = await fieldsOf(tx, doc, null);
    if (await users.userNameTaken(tx, fields.userName, null)) throw userNameTaken(fields.userName);
    const handle = await freeHandle(tx, doc, fields.userName);
    const email = await pickEmail(tx, doc, fields.userName, null, handle);
    const id = await users.insertUser(tx, { ...fields, email, handle }, now);
    await audit(tx, call, 'scim.user.create', id, undefined, { ...fields, email, handle });
    return id;
  }).catch(uniquenessRace);
  call.reply.status(201);
  return getUser(deps, call, id, {});
}

/** PUT: the whole user as the provider has it now (Okta sends this); what it leaves out is cleared. */
export async function replaceUser(deps: Deps, call: ScimCall, id: string, body: Doc) {
  await writeUser(deps, call, id, () => canonical(USER_TOP, body));
  return getUser(deps, call, id, {});
}

/** PATCH: the operations applied to the user as presented, then written like a PUT. Answers 204. */
export async function patchUser(deps: Deps, call: ScimCall, id: string, body: Doc): Promise<void> {
  const operations = readOperations(body);
  await writeUser(deps, call, id, (current) =>
    applyPatch(USER_TOP, canonical(USER_TOP, current), operations),
  );
}

async function writeUser(deps: Deps, call: ScimCall, id: string, next: (current: Doc) => Doc): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const row = await users.findUser(tx, id, true);
    if (!row) throw notFound();
    requireVersion(call, row.updated_at);
    const doc = next(presentUser(row, call.base));
    const fields = await fieldsOf(tx, doc, row.id);
    if (await users.userNameTaken(tx, fields.userName, row.id)) throw userNameTaken(fields.userName);
    const email = await pickEmail(tx, doc, fields.userName, row, row.handle);
    await users.updateUser(tx, row.id, { ...fields, email }, now);
    await endAccessIfDeactivated(tx, row, fields.status, now);
    await audit(tx, call, 'scim.user.update', row.id, auditable(row), { ...fields, email });
  }).catch(uniquenessRace);
  // Deactivation, a new name or language: this node stops trusting what it cached at once.
  deps.viewers.forgetPerson(id);
}

/** DELETE: deactivated (every session and token ends), their posts kept, and 404 to SCIM from now on. */
export async function deleteUser(deps: Deps, call: ScimCall, id: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const row = await users.findUser(tx, id, true);
    if (!row) throw notFound();
    requireVersion(call, row.updated_at);
    await users.markDeleted(tx, row.id, now);
    await endAccessIfDeactivated(tx, row, 'deactivated', now);
    await audit(tx, call, 'scim.user.delete', row.id, auditable(row), undefined);
  });
  deps.viewers.forgetPerson(id);
}

function withVersion(call: ScimCall, doc: Doc, query: ListQuery) {
  const version = (doc.meta as { version?: string } | undefined)?.version;
  if (version) call.reply.header('etag', version);
  return project(doc, query.attributes, query.excludedAttributes);
}

const userNameTaken = (userName: string) =>
  new ScimProblem(409, 'uniqueness', `The userName "${userName}" belongs to another User already.`);

/** Two writers racing for one userName: the unique index decides, and the loser hears 409. */
function uniquenessRace(error: unknown): never {
  if ((error as { code?: string }).code === '23505') {
    throw new ScimProblem(409, 'uniqueness', 'Another User has this userName already.');
  }
  throw error;
}

const auditable = (row: users.ScimUserRow) => {
  const { scim_data: _data, manager_name: _manager, ...rest } = row;
  return rest;
};

async function audit(
  tx: pg.PoolClient,
  call: ScimCall,
  action: string,
  personId: string,
  before: unknown,
  after: unknown,
) {
  await writeAudit(tx, {
    actorId: null,
    action,
    targetType: 'person',
    targetId: personId,
    before,
    after:
      after === undefined
        ? { scimTokenId: call.tokenId }
        : { ...(after as object), scimTokenId: call.tokenId },
  });
}
