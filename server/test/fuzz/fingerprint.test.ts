import { expect, it } from 'vitest';
import { buildPerson, buildThread } from '../factories.js';
import { testDatabase } from '../harness.js';
import { fingerprinter } from './fingerprint.js';

it('the fingerprint moves with a new row, an edit and a soft delete', async () => {
  const db = (await testDatabase()).pool;
  const fingerprint = await fingerprinter(db);
  const start = await fingerprint();
  const author = await buildPerson(db);
  const thread = await buildThread(db, { author });
  const created = await fingerprint();
  expect(created).not.toBe(start);
  await db.query('update threads set edited_at = now() + $2::interval where id = $1', [thread.id, '1 hour']);
  const edited = await fingerprint();
  expect(edited).not.toBe(created);
  await db.query('update threads set deleted_at = now() + $2::interval where id = $1', [thread.id, '1 hour']);
  expect(await fingerprint()).not.toBe(edited);
});
