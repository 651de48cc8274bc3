import type { EDiscoveryQuery } from '../../../contract/privacy.js';
import { EDISCOVERY_MAX_DAYS } from '../../../contract/privacy.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { requireVisible } from '../communities/access.js';
import { findByHandle } from '../people/repository.js';
import { discoveryData, personData } from './export-repository.js';
import { isComplianceOfficer } from './holds-repository.js';

const FORMAT = 'plein-export/1';

/** A person's own data (art. 15 and 20), for themselves or, on their behalf, for an admin; audited either way. */
export async function exportPerson(deps: Deps, viewer: Viewer, handle: string | null) {
  const db = deps.db.pool;
  let subjectId = viewer.id;
  if (handle !== null) {
    const person = await findByHandle(db, handle);
    if (!person) throw notFound('person');
    subjectId = person.id;
  }
  const data = await personData(db, subjectId, viewer.id);
  await writeAudit(db, {
    actorId: viewer.id,
    action: 'privacy.export',
    targetType: 'person',
    targetId: subjectId,
    after: { onBehalf: subjectId !== viewer.id },
  });
  return { format: FORMAT, generatedAt: deps.clock.now().toISOString(), ...data };
}

/** eDiscovery for a compliance officer: threads and replies in a date range and scope, audited with the scope. */
export async function eDiscovery(deps: Deps, viewer: Viewer, query: EDiscoveryQuery) {
  const db = deps.db.pool;
  if (!(await isComplianceOfficer(db, viewer.id)))
    throw forbidden('eDiscovery is for compliance officers: an admin with the compliance officer role.');
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (from >= to) throw invalidField('to', 'must be after from');
  if (to.getTime() - from.getTime() > EDISCOVERY_MAX_DAYS * 86_400_000)
    throw invalidField('to', `the range may span at most ${EDISCOVERY_MAX_DAYS} days`);
  const communityId = query.community
    ? (await requireVisible(db, viewer, { slug: query.community })).id
    : null;
  let personId: string | null = null;
  if (query.person) {
    const person = await findByHandle(db, query.person);
    if (!person) throw notFound('person');
    personId = person.id;
  }
  const data = await discoveryData(db, { from, to, communityId, personId, readerId: viewer.id });
  await writeAudit(db, {
    actorId: viewer.id,
    action: 'privacy.ediscovery',
    targetType: communityId ? 'community' : personId ? 'person' : 'organisation',
    targetId: communityId ?? personId ?? '0',
    after: { ...query, threads: data.threads.length, replies: data.replies.length },
  });
  return {
    format: 'plein-ediscovery/1',
    generatedAt: deps.clock.now().toISOString(),
    scope: {
      from: from.toISOString(),
      to: to.toISOString(),
      community: query.community ?? null,
      person: query.person ?? null,
    },
    ...data,
  };
}
