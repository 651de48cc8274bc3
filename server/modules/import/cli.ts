/**
 * npm run import -- <archive or folder…> [--dry-run] [--source yammer|workplace|interchange] [--name NETWORK]
 *   [--private-messages] [--home-domain example.com]
 * Imports history into the configured database (DATABASE_URL, or the embedded one in PLEIN_DATA_DIR).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { systemClock } from '../../platform/clock.js';
import { openDatabase } from '../../platform/db/database.js';
import { migrate } from '../../platform/db/migrate.js';
import { progressLine, reportText } from './progress.js';
import { ImportRefused } from './report.js';
import { runImport, type SourceFormat } from './service.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    source: { type: 'string' },
    name: { type: 'string' },
    'private-messages': { type: 'boolean', default: false },
    'home-domain': { type: 'string' },
  },
});

async function main(): Promise<number> {
  if (positionals.length === 0) {
    process.stderr.write(
      'usage: npm run import -- <archive or folder…> [--dry-run] [--source yammer|workplace|interchange]\n',
    );
    return 2;
  }
  if (values.source && !['yammer', 'workplace', 'interchange'].includes(values.source)) {
    process.stderr.write(`--source: "${values.source}" is not yammer, workplace or interchange\n`);
    return 2;
  }
  const db = await openDatabase(loadConfig().database);
  try {
    await migrate(db.pool);
    const started = performance.now();
    const report = await runImport(db.pool, systemClock, {
      paths: positionals,
      format: values.source as SourceFormat | undefined,
      sourceName: values.name,
      dryRun: values['dry-run'],
      privateMessages: values['private-messages'],
      homeDomain: values['home-domain'],
      onProgress: (done, total) =>
        process.stderr.write(`\r${progressLine(done, total, performance.now() - started)}`),
    });
    process.stderr.write('\n');
    process.stdout.write(reportText(report));
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused) {
      process.stderr.write(`\n${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
