/**
 * npx tsx bench/harness/explain.ts --database-url … [--only feed] [--plan] [--request 1]: each scenario's SQL with its
 * planning and execution time (--plan: the whole EXPLAIN ANALYZE; --request: which of its requests), the first
 * stop when an endpoint is slower than it should be.
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { prepareScenarios } from './scenarios.js';
import { installRecorder, recordRequest, recordRequests } from './sql-recorder.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    only: { type: 'string' },
    plan: { type: 'boolean' },
    request: { type: 'string', default: '1' },
  },
});
installRecorder();
const config = loadConfig({ DATABASE_URL: values['database-url'], PLEIN_DEMO: '0', PLEIN_LOG_LEVEL: 'warn' });
const db = await openDatabase(config.database);
const { app } = await buildApp({ config, db, logger: false });
recordRequests(app);
await app.ready();
for (const scenario of await prepareScenarios(app, db.pool)) {
  if ((values.only && !values.only.split(',').includes(scenario.name)) || scenario.write) continue;
  const request = scenario.requests[Number(values.request) % scenario.requests.length]!;
  const { queries } = await recordRequest(app, {
    method: request.method,
    url: request.path,
    headers: request.headers,
  });
  console.log(`\n${scenario.label}: ${request.path}`);
  for (const query of queries) {
    // Twice: the first run warms the caches; the second is the one reported.
    let plan: { 'Planning Time': number; 'Execution Time': number } | undefined;
    for (let i = 0; i < 2; i++) {
      const { rows } = await db.pool.query(`explain (analyze, format json) ${query.text}`, query.values);
      plan = (rows[0] as { 'QUERY PLAN': (typeof plan)[] })['QUERY PLAN'][0];
    }
    const first = query.text.replace(/\s+/g, ' ').trim().slice(0, 70);
    console.log(
      `  plan ${plan!['Planning Time'].toFixed(2)} ms  run ${plan!['Execution Time'].toFixed(2)} ms  ${first}`,
    );
    if (values.plan) {
      const { rows } = await db.pool.query(`explain (analyze, buffers) ${query.text}`, query.values);
      console.log(rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n'));
    }
  }
}
await app.close();
await db.close();
