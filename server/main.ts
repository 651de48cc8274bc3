import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { allJobs } from './jobs.js';
import { startMail } from './modules/mail/queue.js';
import { startSmtpIn } from './modules/mail-in/smtp.js';
import { openDatabase } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import { isDatabaseUnavailable } from './platform/db/unavailable.js';
import { Preparing } from './platform/http/preparing.js';
import { buildWebIfMissing } from './platform/http/web-build.js';
import { startJobs } from './platform/jobs/scheduler.js';

/** config → database → migrations → app → listen (answering 503 "preparing") → bootstrap → ready; SIGTERM drains and exits 0. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Under `npm start` a missing web build is made now, alongside opening the database, migrating and seeding.
  const webBuilding = process.env.npm_lifecycle_event === 'start' ? buildWebIfMissing() : undefined;
  webBuilding?.catch(() => {}); // awaited below; a failure ends the start there, not as an unhandled rejection
  const db = await openDatabase(config.database);
  const applied = await migrate(db.pool);
  const preparing = new Preparing();
  const { app, deps } = await buildApp({ config, db, preparing, webBuilding });
  app.log.info({ engine: db.engine, applied }, applied.length ? 'migrations applied' : 'schema up to date');
  if (webBuilding) app.log.info('building the web app (web/dist is missing), once');
  let jobs: ReturnType<typeof startJobs> | undefined;
  let mail: Awaited<ReturnType<typeof startMail>> | undefined;
  let smtpIn: Awaited<ReturnType<typeof startSmtpIn>> | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing in-flight requests');
    await smtpIn?.stop();
    await app.close(); // stops accepting, waits for in-flight requests, ends open streams
    await jobs?.stop();
    await mail?.stop();
    await db.close();
    process.exit(0);
  };
  // Before listening: a SIGTERM while the mail queue still starts (seconds on a server) must drain, not kill.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // A lost database connection is never a reason to exit: the node answers 503 until it is back. Anything else
  // unhandled is a bug and still ends the process.
  process.on('unhandledRejection', (reason) => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    app.log.warn({ err: reason }, 'database unavailable (in the background)');
  });
  // Listen first: the first start's seed and web build take a while, and the address answers "preparing" meanwhile.
  await app.listen({ port: config.port, host: config.host });
  try {
    await Promise.all([bootstrap(deps), webBuilding]);
  } catch (error) {
    if (stopping) return; // a SIGTERM while seeding: stop() closed the database under it, and exits 0
    throw error;
  }
  if (stopping) return;
  preparing.finish();
  app.log.info('ready');
  jobs = startJobs(deps, allJobs);
  try {
    mail = await startMail(deps);
  } catch (error) {
    if (stopping) return; // a SIGTERM while the queue started: stop() closed the database under it, and exits 0
    throw error;
  }
  if (!stopping) app.log.info({ transport: config.mail.smtpUrl ? 'smtp' : 'outbox' }, 'mail started');
  smtpIn = config.mailIn.smtpPort ? await startSmtpIn(deps, config.mailIn.smtpPort, config.host) : null;
  if (smtpIn) app.log.info({ port: smtpIn.port }, 'inbound SMTP listening');
}

main().catch((error) => {
  process.stderr.write(`Plein could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
