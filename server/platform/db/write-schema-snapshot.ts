import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './database.js';
import { describeSchema } from './describe-schema.js';
import { migrate } from './migrate.js';

/** `npm run db:snapshot`: migrates a fresh in-memory database and writes its description to the snapshot. */
export const snapshotPath = fileURLToPath(new URL('./schema.snapshot.txt', import.meta.url));

async function writeSnapshot(): Promise<void> {
  const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  try {
    const applied = await migrate(db.pool);
    writeFileSync(snapshotPath, await describeSchema(db.pool));
    process.stdout.write(`Wrote ${relative(process.cwd(), snapshotPath)} from ${applied.join(', ')}\n`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeSnapshot();
