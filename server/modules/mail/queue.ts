import PgBoss from 'pg-boss';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { deliver, leaseMs } from './deliver.js';
import { runDigests } from './digest.js';
import { composePendingNotices } from './notices.js';
import { claimDue, markDead, requeueExpired } from './outbox-repository.js';
import { createTransport } from './transport.js';

export const DELIVER_QUEUE = 'mail-deliver';
export const DEAD_QUEUE = 'mail-dead';
const DIGEST_QUEUE = 'mail-digest';
const BATCH = 100;
/** Jobs a delivery worker takes per fetch. */
const DELIVER_BATCH = 5;

/** pg-boss over Plein's own pool, so it runs on both engines: PGlite's one connection included. */
const executorOf = (db: Queryable) => ({
  executeSql: (text: string, values?: unknown[]) => db.query(text, values as unknown[]),
});

export type MailRuntime = {
  /** One round of the pump: composes waiting notices and hands due mails to the queue; for tests and benchmarks. */
  pump(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts this node's part of outbound mail. Every node runs the same: the pump composes notices and relays due
 * mails into pg-boss (rows another node holds are skipped), pg-boss's workers deliver them with retries, back-off
 * and a dead-letter queue, and a schedule runs the digests on one node at a time.
 */
export async function startMail(
  deps: Deps,
  options: { pumpEveryMs?: number; digests?: boolean } = {},
): Promise<MailRuntime> {
  const transport = createTransport(deps.config.mail);
  const boss = new PgBoss({
    db: executorOf(deps.db.pool),
    migrate: true,
    supervise: true,
    schedule: options.digests ?? true,
  } as PgBoss.ConstructorOptions);
  boss.on('error', (error) => deps.log.error({ err: error }, 'mail queue'));
  await boss.start();
  // The dead-letter queue first: the delivery queue refers to it.
  await boss.createQueue(DEAD_QUEUE);
  await boss.createQueue(DELIVER_QUEUE, {
    name: DELIVER_QUEUE,
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: deps.config.mail.leaseSeconds,
    deadLetter: DEAD_QUEUE,
  } as PgBoss.Queue);

  // pg-boss waits its polling interval after every batch; a full batch means more wait, so the worker goes on at once.
  let deliverWorker: string | null = null;
  const workers = await Promise.all([
    boss.work<{ mailId: string }>(
      DELIVER_QUEUE,
      { batchSize: DELIVER_BATCH, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        // One at a time: a node killed mid-send leaves at most one mail the SMTP server took but the row missed.
        for (const job of jobs) {
          try {
            await deliver(deps, transport, job.data.mailId);
          } catch (error) {
            deps.log.warn({ err: error, mailId: job.data.mailId }, 'mail not delivered; retrying later');
            await boss.fail(DELIVER_QUEUE, job.id, { message: String(error) });
          }
        }
        if (deliverWorker && jobs.length === DELIVER_BATCH) boss.notifyWorker(deliverWorker);
      },
    ),
    boss.work<{ mailId: string }>(DEAD_QUEUE, { pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) await markDead(deps.db.pool, job.data.mailId);
    }),
  ]);

  deliverWorker = workers[0];

  if (options.digests ?? true) {
    await boss.createQueue(DIGEST_QUEUE);
    await boss.schedule(DIGEST_QUEUE, '*/15 * * * *');
    await boss.work(DIGEST_QUEUE, async () => {
      await runDigests(deps);
    });
  }

  const pump = async () => {
    const now = deps.clock.now();
    await requeueExpired(deps.db.pool, now);
    // Bounded per round, so one node never holds the database: the rest waits for the next round.
    for (let round = 0; round < 10 && (await composePendingNotices(deps, BATCH)) === BATCH; round++);
    for (let round = 0; round < 10; round++) {
      const relayed = await inTransaction(deps.db.pool, async (tx) => {
        const now = deps.clock.now();
        // A backlog waits its turn: five leases before a job counts as lost with its node.
        const ids = await claimDue(tx, now, new Date(now.getTime() + leaseMs(deps) * 5), BATCH);
        if (ids.length) {
          await boss.insert(
            ids.map((mailId) => ({ name: DELIVER_QUEUE, data: { mailId } })),
            { db: executorOf(tx) } as PgBoss.InsertOptions,
          );
        }
        return ids.length;
      });
      if (relayed > 0) boss.notifyWorker(workers[0]);
      if (relayed < BATCH) break;
    }
  };

  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running.then(pump).catch((error) => deps.log.error({ err: error }, 'mail pump'));
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, options.pumpEveryMs ?? 1000);
  timer.unref();

  return {
    pump: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      transport.close();
    },
  };
}
