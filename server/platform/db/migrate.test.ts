import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/fresh-database.js';
import { type Database, openDatabase, type Queryable } from './database.js';
import { describeSchema } from './describe-schema.js';
import { migrate, readMigrations } from './migrate.js';
import { snapshotPath } from './write-schema-snapshot.js';

/** Runs fn against an empty database of its own (a new server database, or a new PGlite in memory). */
async function withFreshDatabase(fn: (db: Database, open: () => Promise<Database>) => Promise<void>) {
  const fresh = await freshDatabase();
  const opened: Database[] = [];
  const open = async () => {
    const db = await openDatabase(fresh.database);
    opened.push(db);
    return db;
  };
  try {
    await fn(await open(), open);
  } finally {
    for (const db of opened) await db.close();
    await fresh.drop();
  }
}

const tableNames = async (db: Queryable) =>
  (
    await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    )
  ).rows.map((row) => row.table_name);

const recorded = async (db: Queryable) =>
  (await db.query<{ name: string }>('select name from schema_migrations order by name')).rows.map(
    (row) => row.name,
  );

const allNames = readMigrations().map((migration) => migration.name);

describe('migrations', () => {
  it('migrate a fresh database to exactly the committed schema snapshot, and a second run applies nothing', async () => {
    await withFreshDatabase(async (db) => {
      expect(await tableNames(db.pool)).toEqual([]);
      expect(await migrate(db.pool)).toEqual(allNames);
      expect(await recorded(db.pool)).toEqual(allNames);
      // The same snapshot on PGlite and on the PostgreSQL server proves both engines get one schema.
      expect(
        await describeSchema(db.pool),
        'The schema differs from server/platform/db/schema.snapshot.txt: after changing a migration, run `npm run db:snapshot` and review the diff.',
      ).toBe(readFileSync(snapshotPath, 'utf8'));

      const before = await describeSchema(db.pool);
      expect(await migrate(db.pool)).toEqual([]);
      expect(await recorded(db.pool)).toEqual(allNames);
      expect(await describeSchema(db.pool)).toBe(before);
    });
  });

  it('let two nodes migrate one database at the same time: one applies, the other waits and applies nothing', async () => {
    await withFreshDatabase(async (first, open) => {
      // Two pools on a server are two sessions racing; PGlite is one process, so its one pool serialises.
      const second = first.engine === 'postgres' ? await open() : first;
      await Promise.all([first.pool.query('select 1'), second.pool.query('select 1')]);
      const [a, b] = await Promise.all([migrate(first.pool), migrate(second.pool)]);
      expect([a, b].sort((x, y) => y.length - x.length)).toEqual([allNames, []]);
      expect(await recorded(first.pool)).toEqual(allNames);
      expect(await describeSchema(first.pool)).toBe(readFileSync(snapshotPath, 'utf8'));
    });
  });

  it('roll a failing run back entirely: no table from it is left and nothing is recorded', async () => {
    await withFreshDatabase(async (db) => {
      const broken = [
        { name: '0001_fine.sql', sql: 'create table fine_table (id int primary key);' },
        {
          name: '0002_broken.sql',
          sql: 'create table half_table (id int); insert into no_such_table values (1);',
        },
      ];
      await expect(migrate(db.pool, broken)).rejects.toThrow(/no_such_table/);
      expect(await tableNames(db.pool)).toEqual([]);

      // On a migrated database a failing new migration leaves the applied ones and their records alone.
      await migrate(db.pool, broken.slice(0, 1));
      await expect(migrate(db.pool, broken)).rejects.toThrow(/no_such_table/);
      expect(await tableNames(db.pool)).toEqual(['fine_table', 'schema_migrations']);
      expect(await recorded(db.pool)).toEqual(['0001_fine.sql']);
    });
  });

  it('read only NNNN_name.sql files, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plein-migrations-'));
    try {
      for (const file of ['0002_second.sql', '0001_first.sql', 'README.md', '0003_draft.sql.bak', 'x.sql']) {
        writeFileSync(join(dir, file), `-- ${file}`);
      }
      expect(readMigrations(dir).map((migration) => migration.name)).toEqual([
        '0001_first.sql',
        '0002_second.sql',
      ]);
      expect(readMigrations(dir)[0]!.sql).toBe('-- 0001_first.sql');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
