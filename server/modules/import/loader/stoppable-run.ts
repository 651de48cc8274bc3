/**
 * A test's child process: loads an interchange file and, inside the transaction of batch `stopAt`, says so and
 * waits there for ever — so the test can SIGKILL it with a batch half written (resume.test.ts).
 * Args: <interchange file> <stopAt>; the database from DATABASE_URL or PLEIN_DATA_DIR.
 */
import { loadConfig } from '../../../config.js';
import { systemClock } from '../../../platform/clock.js';
import { openDatabase } from '../../../platform/db/database.js';
import { migrate } from '../../../platform/db/migrate.js';
import { loadInterchange } from './load.js';

const [file, stopAt] = process.argv.slice(2);
const db = await openDatabase(loadConfig().database);
await migrate(db.pool);
await loadInterchange(db.pool, file!, {
  clock: systemClock,
  batchSize: 5,
  beforeCommit: async (batch) => {
    if (batch < Number(stopAt)) return;
    process.stdout.write(`inside batch ${batch}\n`);
    await new Promise(() => {});
  },
});
process.stdout.write('finished\n');
