import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock.js';
import { type Database, openDatabase } from '../../../platform/db/database.js';
import { testDatabase } from '../../../test/harness.js';
import { interchangeFile, newSource, scratch } from '../testing.js';
import { loadInterchange } from './load.js';

const child = fileURLToPath(new URL('./stoppable-run.ts', import.meta.url));

/** 8 people, a group, 20 threads with 2 replies and a reaction each: 12 batches of 5. */
function network() {
  const records: object[] = [];
  for (let p = 0; p < 8; p++) records.push({ type: 'person', sourceId: `u${p}`, name: `Person ${p}` });
  records.push({ type: 'community', sourceId: 'g', name: 'Everyone', visibility: 'open' });
  for (let t = 0; t < 20; t++) {
    const at = `2020-01-${String(t + 1).padStart(2, '0')}T09:00:00Z`;
    records.push({
      type: 'thread',
      sourceId: `t${t}`,
      communitySourceId: 'g',
      authorSourceId: `u${t % 8}`,
      body: `Thread ${t}`,
      createdAt: at,
    });
  }
  for (let t = 0; t < 20; t++) {
    for (let r = 0; r < 2; r++) {
      const at = `2020-01-${String(t + 1).padStart(2, '0')}T1${r}:00:00Z`;
      records.push({
        type: 'reply',
        sourceId: `t${t}r${r}`,
        threadSourceId: `t${t}`,
        authorSourceId: `u${(t + r + 1) % 8}`,
        body: `Reply ${r}`,
        createdAt: at,
      });
    }
  }
  for (let t = 0; t < 20; t++) {
    records.push({
      type: 'reaction',
      sourceId: `x${t}`,
      target: 'thread',
      targetSourceId: `t${t}`,
      personSourceId: `u${(t + 3) % 8}`,
      kind: 'like',
      createdAt: `2020-02-01T00:00:00Z`,
    });
  }
  return records;
}

/** Runs the loader in a child process and kills it (SIGKILL) while batch `stopAt` is written but not committed. */
async function killMidway(file: string, stopAt: number, env: Record<string, string>) {
  const run = spawn(process.execPath, ['--import', 'tsx', child, file, String(stopAt)], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PLEIN_LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  run.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = once(run, 'exit');
  await new Promise<void>((resolve, reject) => {
    run.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`inside batch ${stopAt}`)) resolve();
    });
    run.on('exit', () => reject(new Error(`the run ended before batch ${stopAt}: ${out}\n${err}`)));
  });
  run.kill('SIGKILL');
  const [, signal] = await exited;
  expect(signal).toBe('SIGKILL');
}

async function counts(db: Database, source: string) {
  const { rows } = await db.pool.query(
    `select (select count(*)::int from people where import_source = $1) as people,
            (select count(*)::int from threads where import_source = $1) as threads,
            (select count(*)::int from replies where import_source = $1) as replies,
            (select count(*)::int from thread_reactions where import_source = $1) as reactions,
            (select count(*)::int from import_sources where source = $1) as mappings,
            (select sum(reply_count)::int from threads where import_source = $1) as reply_counts,
            (select count(*)::int from threads where import_source = $1 and reaction_counts = '{"like": 1}') as counted`,
    [source],
  );
  return rows[0];
}

describe('a run killed midway', () => {
  it('ends, run again, with exactly one copy of everything', { timeout: 180_000 }, async () => {
    const source = newSource();
    const file = interchangeFile(network(), source);
    const server = process.env.DATABASE_URL;
    const dataDir = join(scratch(), 'data');
    // The child needs a database it can reach: the server, or an embedded one in a folder of its own.
    await killMidway(file, 7, server ? { DATABASE_URL: server } : { PLEIN_DATA_DIR: dataDir });
    const db = server ? await testDatabase() : await openDatabase({ kind: 'embedded', dataDir });
    try {
      const killed = await counts(db, source);
      expect(killed.threads + killed.replies).toBeGreaterThan(0); // batches 1–6 committed…
      expect(killed.replies).toBeLessThan(40); // …and the seventh never did
      await loadInterchange(db.pool, file, { clock: systemClock, batchSize: 5 });
      expect(await counts(db, source)).toEqual({
        people: 8,
        threads: 20,
        replies: 40,
        reactions: 20,
        mappings: 8 + 1 + 20 + 40,
        reply_counts: 40,
        counted: 20,
      });
    } finally {
      if (!server) await db.close();
    }
  });
});
