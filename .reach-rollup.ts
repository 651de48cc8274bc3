import pg from 'pg';
import { alignActivation } from './server/demo/seed-conditions.js';
import { rebuildParticipation } from './server/modules/activity/repository.js';
import { rebuildAnalytics } from './server/modules/analytics/refresh.js';
import { inTransaction } from './server/platform/db/database.js';
import { migrate } from './server/platform/db/migrate.js';

const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/bench_h_reach', max: 4 });
console.log('migrated', await migrate(pool));
const timed = async (what: string, work: () => Promise<void>) => {
  const from = performance.now();
  await work();
  console.log(`${what} rebuilt in ${((performance.now() - from) / 1000).toFixed(0)} s`);
};
await Promise.all([
  timed('participation', () =>
    inTransaction(pool, async (tx) => {
      await tx.query(`set local work_mem = '1GB'`);
      await rebuildParticipation(tx);
      await alignActivation(tx);
    }),
  ),
  timed('analytics', () => rebuildAnalytics(pool, new Date())),
]);
await pool.query('vacuum analyze');
console.log('done');
await pool.end();
