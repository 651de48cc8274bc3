import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import {
  EDISCOVERY_MAX_DAYS,
  type EDiscoveryRequest,
  EXPORT_OFFERED_DAYS,
  type PrivacyExport,
} from '../../../contract/privacy.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { findByHandle } from '../people/repository.js';
import {
  type ExportRow,
  exportsFor,
  findExport,
  insertExport,
  waitingPersonExport,
} from './exports-repository.js';
import { isComplianceOfficer } from './holds-repository.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentExport(row: ExportRow, viewer: Viewer): PrivacyExport {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    subject: row.subject_id ? { handle: row.subject_handle ?? '', name: row.subject_name ?? '' } : null,
    requestedBy: row.requester_handle,
    scope:
      row.kind === 'ediscovery'
        ? {
            from: iso(row.scope_from)!,
            to: iso(row.scope_to)!,
            community: row.community_slug,
            person: row.person_handle,
          }
        : null,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    createdAt: row.created_at.toISOString(),
    finishedAt: iso(row.finished_at),
    expiresAt: iso(row.expires_at),
    attempts: row.attempts,
    retryAt: row.status === 'queued' ? iso(row.retry_at) : null,
    failureReason: row.status === 'failed' ? (row.failure_reason ?? 'build') : null,
    downloadUrl:
      row.status === 'ready' && row.recipient_id === viewer.id ? `/api/v1/exports/${row.id}/download` : null,
  };
}

/**
 * A person export (art. 15 and 20), asked by the person or by an admin on their behalf: either way it is prepared
 * for the person, holds everything they may read, and only they download it. Asking while one waits is that one.
 */
export async function requestPersonExport(deps: Deps, viewer: Viewer, handle: string | null) {
  const db = deps.db.pool;
  let subjectId = viewer.id;
  if (handle !== null) {
    const person = await findByHandle(db, handle);
    if (!person || (person as { erased_at?: Date | null }).erased_at) throw notFound('person');
    subjectId = person.id;
  }
  const id = await inTransaction(db, async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`privacy-export:${subjectId}`]);
    const waiting = await waitingPersonExport(tx, subjectId);
    if (waiting) return waiting;
    const created = await insertExport(
      tx,
      { kind: 'person', recipientId: subjectId, subjectId, requestedBy: viewer.id },
      deps.clock.now(),
    );
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'privacy.export',
      targetType: 'person',
      targetId: subjectId,
      after: { export: created, onBehalf: subjectId !== viewer.id },
    });
    return created;
  });
  return presentExport((await findExport(db, id))!, viewer);
}

/** The exports a person receives: their own data, and (compliance officers) the eDiscovery archives they asked for. */
export async function myExports(deps: Deps, viewer: Viewer) {
  const rows = await exportsFor(deps.db.pool, { recipientId: viewer.id });
  return { items: rows.map((row) => presentExport(row, viewer)) };
}

/** An admin sees whether a person's export is prepared, never its content. */
export async function exportsOfPerson(deps: Deps, viewer: Viewer, handle: string) {
  const person = await findByHandle(deps.db.pool, handle);
  if (!person) throw notFound('person');
  const rows = await exportsFor(deps.db.pool, { subjectId: person.id });
  return { items: rows.map((row) => presentExport(row, viewer)) };
}

/**
 * eDiscovery, a legal function granted explicitly: only a compliance officer asks, and the archive covers every
 * community in scope, closed and secret included. The officer still reads nothing in the app they could not before.
 */
export async function requestDiscovery(deps: Deps, viewer: Viewer, body: EDiscoveryRequest) {
  const db = deps.db.pool;
  if (!(await isComplianceOfficer(db, viewer.id)))
    throw forbidden('eDiscovery is for compliance officers: an admin with the compliance officer role.');
  const from = new Date(body.from);
  const to = new Date(body.to);
  if (from >= to) throw invalidField('to', 'must be after from');
  if (to.getTime() - from.getTime() > EDISCOVERY_MAX_DAYS * 86_400_000)
    throw invalidField('to', `the range may span at most ${EDISCOVERY_MAX_DAYS} days`);
  let communityId: string | null = null;
  if (body.community) {
    const { rows } = await db.query<{ id: string }>('select id from communities where slug = $1', [
      body.community,
    ]);
    if (!rows[0]) throw notFound('community');
    communityId = rows[0].id;
  }
  let personId: string | null = null;
  if (body.person) {
    const person = await findByHandle(db, body.person);
    if (!person) throw notFound('person');
    personId = person.id;
  }
  const id = await inTransaction(db, async (tx) => {
    const created = await insertExport(
      tx,
      {
        kind: 'ediscovery',
        recipientId: viewer.id,
        subjectId: null,
        requestedBy: viewer.id,
        from,
        to,
        communityId,
        personId,
      },
      deps.clock.now(),
    );
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'privacy.ediscovery_request',
      targetType: communityId ? 'community' : personId ? 'person' : 'organisation',
      targetId: communityId ?? personId ?? '0',
      after: { export: created, ...body },
    });
    return created;
  });
  return presentExport((await findExport(db, id))!, viewer);
}

/** The archive's bytes, for its recipient only (404 for anyone else: an export's existence is theirs too). */
export async function sendExport(
  deps: Deps,
  viewer: Viewer,
  id: string,
  reply: FastifyReply,
): Promise<Readable> {
  const db = deps.db.pool;
  const row = await findExport(db, id);
  if (!row || row.recipient_id !== viewer.id) throw notFound('export');
  if (row.status === 'expired')
    throw conflict(`This export has expired (after ${EXPORT_OFFERED_DAYS} days): ask again.`);
  if (row.status !== 'ready' || !row.storage_key)
    throw conflict('This export is not ready: it is still being prepared, or it failed.');
  const stream = await deps.storage.get(row.storage_key);
  if (!stream) throw notFound('export');
  await writeAudit(db, {
    actorId: viewer.id,
    action: 'privacy.export_download',
    targetType: 'export',
    targetId: row.id,
    after: { kind: row.kind },
  });
  const name = row.kind === 'person' ? `plein-my-data-${row.id}.zip` : `plein-ediscovery-${row.id}.zip`;
  reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('content-length', String(row.size_bytes));
  return stream;
}

/** Where an archive's bytes live: not guessable, and never made from a request. */
export const archiveKey = (id: string) => `exports/${id}-${randomUUID()}.zip`;
