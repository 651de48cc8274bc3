import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AcceptInvitation, CreateInvitation, InvitationsQuery } from '../../../contract/invitations.js';
import { firstEmpty, type Limit, take, tooMany } from '../../platform/auth/rate-limit.js';
import { digest, hashPassword, newSecret } from '../../platform/auth/secrets.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { decodeCursor, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import {
  badRequest,
  conflict,
  type FieldError,
  invalidField,
  notFound,
} from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { createSession, setSessionCookie } from '../auth/service.js';
import * as peopleRepository from '../people/repository.js';
import * as people from '../people/service.js';
import { type InviteeRow, readInviteeRows } from './csv-rows.js';
import { sendInvitationMail } from './mail.js';
import * as invitations from './repository.js';

const DAY = 86_400_000;

/** Wrong or spent invitation secrets from one address: the secrets are unguessable, this keeps it so. */
export const ACCEPT_LIMIT = { max: 20, windowSeconds: 15 * 60 };

type Invitee = Omit<InviteeRow, 'line' | 'managerEmail'> & { managerId: string | null };

export function present(row: invitations.InvitationRow, now: Date) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    handle: row.handle,
    status: invitations.invitationStatus(row, now),
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at.toISOString(),
    sendCount: row.send_count,
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** An admin invites one person: created now (not yet activated), mailed a one-use link. */
export async function invite(deps: Deps, actor: Viewer, input: z.infer<typeof CreateInvitation>) {
  const now = deps.clock.now();
  const id = await inTransaction(deps.db.pool, async (tx) => {
    const existing = await peopleRepository.findByEmail(tx, input.email);
    let personId: string;
    if (existing) {
      // Someone provisioned (SCIM, an admin) who never signed in may be invited; anyone else is there already.
      await requireInvitable(tx, existing);
      personId = existing.id;
    } else {
      const managerId = input.managerHandle ? await managerIdOf(tx, input.managerHandle) : null;
      personId = await createInvitee(
        tx,
        { ...input, email: input.email, locale: input.locale ?? null, managerId },
        now,
      );
    }
    return issue(deps, tx, actor, personId, now);
  });
  return present((await invitations.findInvitation(deps.db.pool, id))!, now);
}

/**
 * A Workplace bulk provisioning CSV: every line is checked first, against the file and the database; any error and
 * nothing is applied (400 naming each line); otherwise every person is created and invited in one transaction.
 */
export async function inviteFromCsv(deps: Deps, actor: Viewer, csv: string) {
  const now = deps.clock.now();
  const { rows, errors } = readInviteeRows(csv);
  if (errors.length > 0) throw csvProblem(errors);
  const ids = await inTransaction(deps.db.pool, async (tx) => {
    const emails = [
      ...new Set(rows.flatMap((row) => [row.email, ...(row.managerEmail ? [row.managerEmail] : [])])),
    ];
    const known = await invitations.peopleByEmail(tx, emails);
    const inFile = new Set(rows.map((row) => row.email));
    for (const row of rows) {
      if (known.has(row.email)) {
        errors.push({ field: `line ${row.line}, Email`, message: 'a person with this email exists already' });
      }
      if (row.managerEmail && !known.has(row.managerEmail) && !inFile.has(row.managerEmail)) {
        errors.push({
          field: `line ${row.line}, Manager Email`,
          message: 'is neither in this file nor a person in Plein',
        });
      }
    }
    if (errors.length > 0) throw csvProblem(errors);
    const created = new Map<string, string>();
    for (const row of rows) {
      const { line: _line, managerEmail: _manager, ...person } = row;
      created.set(row.email, await createInvitee(tx, { ...person, managerId: null }, now));
    }
    // Managers once everyone exists: a file may list a manager below their reports.
    for (const row of rows) {
      if (!row.managerEmail) continue;
      const managerId = created.get(row.managerEmail) ?? known.get(row.managerEmail)!.id;
      await peopleRepository.updatePerson(tx, created.get(row.email)!, { managerId }, now);
    }
    const ids: string[] = [];
    for (const row of rows) ids.push(await issue(deps, tx, actor, created.get(row.email)!, now));
    return ids;
  });
  const items = [];
  for (const id of ids.slice(0, 100))
    items.push(present((await invitations.findInvitation(deps.db.pool, id))!, now));
  return { invited: ids.length, items };
}

const csvProblem = (errors: FieldError[]) =>
  badRequest(
    `The file has ${errors.length} error(s); nothing was applied. Correct them and upload it again.`,
    errors,
  );

async function requireInvitable(tx: Queryable, person: { id: string; status: string }): Promise<void> {
  const { rows } = await tx.query<{ activated_at: Date | null }>(
    'select activated_at from people where id = $1',
    [person.id],
  );
  if (person.status !== 'active' || rows[0]!.activated_at) {
    throw conflict('A person with this email exists already.', [{ field: 'email', message: 'is taken' }]);
  }
  if (await invitations.hasOpenInvitation(tx, person.id)) {
    throw conflict('This person has an open invitation; resend it instead.', [
      { field: 'email', message: 'has an open invitation' },
    ]);
  }
}

async function managerIdOf(tx: Queryable, handle: string): Promise<string> {
  const manager = await peopleRepository.findByHandle(tx, handle);
  if (!manager) throw invalidField('managerHandle', `no person has the handle "${handle}"`);
  return manager.id;
}

async function createInvitee(tx: Queryable, person: Invitee, now: Date): Promise<string> {
  const row = await peopleRepository.insertPerson(
    tx,
    {
      handle: await people.freeHandle(tx, person.email),
      email: person.email,
      name: person.name,
      title: person.title,
      department: person.department,
      location: person.location,
      timeZone: 'Europe/Amsterdam',
      managerId: person.managerId,
      isLeader: false,
      role: 'member',
      skills: [],
      bio: '',
      locale: person.locale,
      passwordHash: null,
    },
    now,
  );
  return row.id;
}

/** A new invitation with its link, mailed in the person's language and audited; answers its id. */
async function issue(deps: Deps, tx: Queryable, actor: Viewer, personId: string, now: Date): Promise<string> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + deps.config.invitationDays * DAY);
  const id = await invitations.insertInvitation(
    tx,
    { personId, tokenHash: digest(token), invitedBy: actor.id, expiresAt },
    now,
  );
  const row = (await invitations.findInvitation(tx, id))!;
  await mailInvitation(deps, tx, row, actor, token, 1, now);
  await writeAudit(tx, {
    actorId: actor.id,
    action: 'invitation.create',
    targetType: 'person',
    targetId: personId,
    after: { invitationId: id, email: row.email, expiresAt: expiresAt.toISOString() },
  });
  return id;
}

function mailInvitation(
  deps: Deps,
  tx: Queryable,
  row: invitations.InvitationRow,
  actor: Viewer,
  token: string,
  sendCount: number,
  now: Date,
) {
  return sendInvitationMail(
    tx,
    {
      invitationId: row.id,
      sendCount,
      to: row.email,
      name: row.name,
      inviter: actor.name,
      locale: row.locale ?? deps.config.language,
      // The secret rides in the fragment: never in a server log or a Referer header.
      link: `${deps.config.mail.publicUrl}/invitation#${token}`,
      expiresAt: row.expires_at,
    },
    now,
  );
}

export async function listInvitations(deps: Deps, query: z.infer<typeof InvitationsQuery>) {
  const now = deps.clock.now();
  const after = decodeCursor(query.cursor, ['string', 'string'] as const);
  const rows = await invitations.listInvitations(deps.db.pool, {
    status: query.status ?? null,
    after: after ? { createdAt: after[0], id: after[1] } : null,
    limit: query.limit + 1,
    now,
  });
  return toPage(
    rows,
    query.limit,
    (row) => present(row, now),
    (row) => [row.created_at.toISOString(), row.id],
  );
}

/** A new link (the old one stops working) and a new expiry; an expired invitation may be resent too. */
export async function resend(deps: Deps, actor: Viewer, id: string) {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const row = await invitations.findInvitation(tx, id);
    if (!row) throw notFound('invitation');
    if (row.accepted_at || row.revoked_at || row.person_status !== 'active') {
      throw conflict(
        `This invitation is ${invitations.invitationStatus(row, now)}; it cannot be sent again.`,
      );
    }
    const token = newSecret();
    const expiresAt = new Date(now.getTime() + deps.config.invitationDays * DAY);
    const sendCount = await invitations.renewToken(tx, id, digest(token), expiresAt, now);
    await mailInvitation(deps, tx, { ...row, expires_at: expiresAt }, actor, token, sendCount, now);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'invitation.resend',
      targetType: 'person',
      targetId: row.person_id,
      after: { invitationId: id, sendCount, expiresAt: expiresAt.toISOString() },
    });
  });
  return present((await invitations.findInvitation(deps.db.pool, id))!, now);
}

export async function revoke(deps: Deps, actor: Viewer, id: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const row = await invitations.findInvitation(tx, id);
    if (!row) throw notFound('invitation');
    if (row.accepted_at)
      throw conflict('This invitation was accepted already; deactivate the person instead.');
    if (row.revoked_at) return;
    await invitations.markRevoked(tx, id, now);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'invitation.revoke',
      targetType: 'person',
      targetId: row.person_id,
      after: { invitationId: id },
    });
  });
}

/** The open invitation a link's secret names, or 404 for anything else (unknown, used, expired, revoked). */
async function openInvitation(db: Queryable, token: string, now: Date, lock = false) {
  const row = await invitations.findByTokenHash(db, digest(token), lock);
  if (!row || invitations.invitationStatus(row, now) !== 'open' || row.person_status !== 'active') {
    return null;
  }
  return row;
}

function acceptLimit(request: FastifyRequest): Limit {
  return {
    ...ACCEPT_LIMIT,
    key: `invitation-accept:${request.ip}`,
    what: 'invalid invitation links from this address',
  };
}

async function refuse(deps: Deps, request: FastifyRequest, now: Date): Promise<never> {
  await take(deps.db.pool, acceptLimit(request), now);
  throw notFound('invitation (the link may have expired, been used or been withdrawn; ask for a new one)');
}

async function gate(deps: Deps, request: FastifyRequest, now: Date) {
  const empty = await firstEmpty(deps.db.pool, [acceptLimit(request)], now);
  if (empty) throw tooMany(empty.limit, empty.retryAfterSeconds);
}

export async function preview(deps: Deps, request: FastifyRequest, token: string) {
  const now = deps.clock.now();
  await gate(deps, request, now);
  const row = await openInvitation(deps.db.pool, token, now);
  if (!row) return refuse(deps, request, now);
  return {
    name: row.name,
    email: row.email,
    expiresAt: row.expires_at.toISOString(),
    sso: deps.config.oidc ? { label: deps.config.oidc.label } : null,
  };
}

/** Accepting sets the person's password, activates them and signs them in; the link is spent. */
export async function accept(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  input: z.infer<typeof AcceptInvitation>,
) {
  const now = deps.clock.now();
  await gate(deps, request, now);
  const passwordHash = await hashPassword(input.password);
  const opened = await inTransaction(deps.db.pool, async (tx) => {
    const row = await openInvitation(tx, input.token, now, true);
    if (!row) return null;
    await invitations.setPassword(tx, row.person_id, passwordHash, now);
    await invitations.markAccepted(tx, row.id, now);
    const session = await createSession(deps, tx, request, row.person_id);
    await writeAudit(tx, {
      actorId: row.person_id,
      action: 'invitation.accept',
      targetType: 'person',
      targetId: row.person_id,
      after: { invitationId: row.id },
    });
    return { personId: row.person_id, session };
  });
  if (!opened) return refuse(deps, request, now);
  setSessionCookie(deps, reply, opened.session.token);
  return {
    person: await people.me(deps, { id: opened.personId } as Viewer),
    csrfToken: opened.session.csrfToken,
  };
}
