import { beforeAll, describe, expect, it } from 'vitest';
import { unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { manualClock } from '../clock.js';
import { runOnce, takeLease } from './scheduler.js';

const clock = manualClock(new Date('2026-05-04T10:00:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp({ clock });
});

const at = (iso: string) => new Date(iso);

describe('job leases', () => {
  it('give a job to one node until the lease expires, then to another', async () => {
    const name = unique('job');
    const db = ctx.db.pool;
    expect(await takeLease(db, name, at('2026-05-04T10:00:00Z'), at('2026-05-04T10:10:00Z'), 'a')).toBe(true);
    expect(await takeLease(db, name, at('2026-05-04T10:05:00Z'), at('2026-05-04T10:15:00Z'), 'b')).toBe(
      false,
    );
    expect(await takeLease(db, name, at('2026-05-04T10:06:00Z'), at('2026-05-04T10:16:00Z'), 'a')).toBe(true);
    expect(await takeLease(db, name, at('2026-05-04T10:16:00Z'), at('2026-05-04T10:26:00Z'), 'b')).toBe(true);
  });

  it('run a tick, record when it ran and what failed, and skip a job another node holds', async () => {
    const db = ctx.db.pool;
    const ran: string[] = [];
    const job = { name: unique('job'), everyMs: 60_000, run: async () => void ran.push('ok') };
    expect(await runOnce(ctx.deps, job)).toBe(true);
    const failing = {
      name: unique('job'),
      everyMs: 60_000,
      run: async () => {
        throw new Error('broken on purpose');
      },
    };
    expect(await runOnce(ctx.deps, failing)).toBe(true);
    const { rows } = await db.query(
      'select name, last_error from job_leases where name = any($1) order by name',
      [[job.name, failing.name]],
    );
    expect(rows).toEqual(
      [
        { name: job.name, last_error: null },
        { name: failing.name, last_error: 'broken on purpose' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    await takeLease(db, job.name, clock.now(), new Date(clock.now().getTime() + 600_000), 'another node');
    expect(await runOnce(ctx.deps, job)).toBe(false);
    expect(ran).toEqual(['ok']);
  });
});
