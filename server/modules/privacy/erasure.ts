import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, invalidField, notFound } from '../../platform/http/problem.js';
import { removeQueuedBytes } from '../attachments/jobs.js';
import { deleteFilesOfPerson } from '../attachments/repository.js';
import { writeAudit } from '../audit/repository.js';
import {
  countPosts,
  deletePersonalRows,
  lockPerson,
  neutraliseText,
  organisationIsDutch,
  pseudonymise,
  redactAuditAbout,
  removePosts,
  rewritesFor,
} from './erasure-repository.js';
import { deleteExportsOf } from './exports-repository.js';
import { personIsHeld } from './holds-repository.js';
import { allowAuditChanges, erasedPostsPolicy } from './retention-repository.js';

export const PSEUDONYM = { en: 'Former colleague', nl: 'Voormalig collega' } as const;

/**
 * GDPR art. 17: an admin erases a person. Their personal data goes; their posts stay under a pseudonym or are
 * removed, by the organisation's policy; the audit keeps that it happened and who did it. One transaction.
 */
export async function erasePerson(deps: Deps, viewer: Viewer, handle: string, confirm: string) {
  const { result, archives } = await inTransaction(deps.db.pool, async (db) => {
    const person = await lockPerson(db, handle);
    if (!person) throw notFound('person');
    if (confirm.toLowerCase() !== person.handle.toLowerCase())
      throw invalidField('confirm', "must repeat the person's handle to confirm the erasure");
    if (person.erased_at) throw conflict('This person has already been erased.');
    if (person.id === viewer.id) throw conflict('You cannot erase yourself: ask another admin.');
    if (await personIsHeld(db, person.id))
      throw conflict('This person is under legal hold: release the hold before erasing them.');

    const posts = await erasedPostsPolicy(db);
    const pseudonym = {
      handle: `former-colleague-${person.id}`,
      name: (await organisationIsDutch(db)) ? PSEUDONYM.nl : PSEUDONYM.en,
    };
    await allowAuditChanges(db);
    const counts =
      posts === 'remove' ? await removePosts(db, person.id, viewer.id) : await countPosts(db, person.id);
    const files = await deleteFilesOfPerson(db, person.id, deps.clock.now());
    await deletePersonalRows(db, person.id);
    const archives = await deleteExportsOf(db, person.id);
    await redactAuditAbout(db, person.id);
    await neutraliseText(db, rewritesFor(person, pseudonym, false), rewritesFor(person, pseudonym, true));
    await pseudonymise(db, person.id, pseudonym.handle, pseudonym.name);
    await writeAudit(db, {
      actorId: viewer.id,
      action: 'privacy.erase',
      targetType: 'person',
      targetId: person.id,
      after: { posts, threads: counts.threads, replies: counts.replies, files },
    });
    deps.viewers.forgetPerson(person.id);
    return { result: { id: person.id, pseudonym: pseudonym.name, posts, ...counts, files }, archives };
  });
  // Their prepared exports hold their data: the bytes go once the rows are gone for good.
  for (const key of archives) await deps.storage.delete(key);
  // Storage is no part of the transaction: the bytes go once the rows are gone; the sweep retries what fails here.
  await removeQueuedBytes(deps).catch((error) =>
    deps.log.warn({ err: error }, 'erased files stay queued for the sweep'),
  );
  return result;
}
