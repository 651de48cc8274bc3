import { describe, expect, it } from 'vitest';
import { buildThread, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { actor } from '../threads/testing.js';
import { estimateShare, lexemeShares } from './frequency.js';

const stats = {
  shares: new Map([
    ['klant', 0.5],
    ['overleg', 0.2],
    ['planning', 0.1],
    ['plant', 0.05],
    ["o'brien", 0.3],
  ]),
  rare: 0.001,
};

describe('how common a search is', () => {
  it('combines the shares of its words: and multiplies, or adds the rest, not takes the rest', () => {
    expect(estimateShare("'klant'", stats)).toBe(0.5);
    expect(estimateShare("'klant' & 'overleg'", stats)).toBeCloseTo(0.1);
    expect(estimateShare("('klant') | ('overleg')", stats)).toBeCloseTo(0.6);
    expect(estimateShare("'klant' & !('overleg')", stats)).toBeCloseTo(0.4);
    expect(
      estimateShare("( 'klant' <-> 'overleg' | 'planning' <-> 'overleg' ) & 'klant'", stats),
    ).toBeCloseTo((0.1 + 0.02 - 0.1 * 0.02) * 0.5);
    expect(estimateShare("'o''brien'", stats)).toBe(0.3);
  });

  it('counts an unknown word as rare and a prefix as every known word it starts', () => {
    expect(estimateShare("'zeppelin'", stats)).toBe(0.001);
    expect(estimateShare("'plan':*", stats)).toBeCloseTo(0.15);
    expect(estimateShare("'zep':*", stats)).toBe(0.001);
    expect(estimateShare("'klant':A", stats)).toBe(0.5);
  });

  it("reads the shares from PostgreSQL's statistics of the posts", async () => {
    const ctx = await testApp();
    const author = await actor(ctx.app, ctx.db.pool);
    for (let i = 0; i < 20; i++) {
      await buildThread(ctx.db.pool, { author, title: unique('Kwartaalcijfers'), body: 'Overzicht.' });
    }
    await ctx.db.pool.query('analyze threads');
    const stats = await lexemeShares(ctx.db.pool, 'threads', Date.now() + 3_600_000);
    const [word, share] = [...(stats?.shares ?? [])].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const { rows } = await ctx.db.pool.query<{ share: number }>(
      `select (count(*) filter (where search_vector @@ $1::tsquery))::float8 / count(*) as share from threads`,
      [`'${word.replaceAll("'", "''")}'`],
    );
    // ANALYZE reads up to 30,000 rows: on a test database every thread, so the commonest word's share is all but
    // exact (other test files may add a few threads in between on a shared server database).
    expect(share).toBeGreaterThan(0);
    expect(Math.abs(share - rows[0]!.share)).toBeLessThan(0.02);
    expect(stats!.rare).toBeLessThan(share);
  });
});
