import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import type { Deps } from '../http/deps.js';

/** A job runs every `everyMs`; on several nodes the lease lets one of them run each tick. */
export type Job = { name: string; everyMs: number; run: (deps: Deps) => Promise<void> };

const node = randomUUID();

/** Takes the job's lease until `until` when it is free or expired; true when this node holds it. */
export async function takeLease(db: Queryable, name: string, now: Date, until: Date, holder: string = node) {
  const { rows } = await db.query(
    `insert into job_leases (name, held_by, held_until) values ($1, $2, $3)
     on conflict (name) do update set held_by = $2, held_until = $3
       where job_leases.held_until <= $4 or job_leases.held_by = $2
     returning name`,
    [name, holder, until, now],
  );
  return rows.length > 0;
}

async function finish(db: Queryable, name: string, now: Date, error: string | null, holder: string = node) {
  await db.query(
    `update job_leases set held_until = $3, last_run_at = $3, last_error = $4 where name = $1 and held_by = $2`,
    [name, holder, now, error],
  );
}

/** Runs one tick of a job if this node gets the lease; errors are logged and recorded, never thrown. */
export async function runOnce(deps: Deps, job: Job): Promise<boolean> {
  const pool = deps.db.pool;
  const now = deps.clock.now();
  // The lease outlives a crashed node by at most ten ticks, then another node takes over.
  if (!(await takeLease(pool, job.name, now, new Date(now.getTime() + job.everyMs * 10)))) return false;
  let error: string | null = null;
  try {
    await job.run(deps);
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
    deps.log.error({ err: cause, job: job.name }, 'job failed');
  }
  await finish(pool, job.name, deps.clock.now(), error);
  return true;
}

/** Starts every job on its own timer; `stop` waits for running ticks so shutdown never cuts one in half. */
export function startJobs(deps: Deps, jobs: Job[]) {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    const timer = setInterval(() => {
      if (stopped) return;
      const tick = runOnce(deps, job).catch((cause) =>
        deps.log.error({ err: cause, job: job.name }, 'job tick'),
      );
      running.add(tick);
      void tick.finally(() => running.delete(tick));
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
