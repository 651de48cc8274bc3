import type { Queryable } from '../../platform/db/database.js';

/**
 * How common a search is, from PostgreSQL's own statistics of the search vectors (pg_stats: the most common
 * lexemes and the share of posts holding each). It decides how the newest matches are looked for
 * (repository.ts candidatesSql): a common search walks down the newest posts, a rarer one asks the search index
 * at once — the choice the planner would make, without planning each search anew.
 */
export type LexemeShares = {
  shares: Map<string, number>;
  /** The share of a lexeme not among the common. */
  rare: number;
};

type Table = 'threads' | 'replies';
const KEEP_MS = 10 * 60_000;
const known = new WeakMap<object, { at: number; tables: Promise<Map<Table, LexemeShares>> }>();

/** Per table, from the last ANALYZE; read once per node and database every 10 minutes. */
export function lexemeShares(db: Queryable, table: Table, now = Date.now()): Promise<LexemeShares | null> {
  let entry = known.get(db);
  if (!entry || now - entry.at > KEEP_MS) {
    entry = { at: now, tables: readShares(db) };
    known.set(db, entry);
    // A failed read is tried again by the next search; this one goes without (the search index start).
    entry.tables.catch(() => known.delete(db));
  }
  return entry.tables.then(
    (tables) => tables.get(table) ?? null,
    () => null,
  );
}

async function readShares(db: Queryable): Promise<Map<Table, LexemeShares>> {
  const { rows } = await db.query<{ tablename: Table; lexemes: string[] | null; freqs: number[] | null }>(
    `select tablename, most_common_elems::text::text[] as lexemes, most_common_elem_freqs as freqs
       from pg_stats
      where schemaname = current_schema() and tablename in ('threads', 'replies') and attname = 'search_vector'`,
  );
  const tables = new Map<Table, LexemeShares>();
  for (const { tablename, lexemes, freqs } of rows) {
    if (!lexemes || !freqs) continue;
    // After the per-lexeme shares come the least and the most of them; PostgreSQL takes half the least for others.
    const least = freqs[lexemes.length] ?? 0;
    tables.set(tablename, {
      shares: new Map(lexemes.map((lexeme, i) => [lexeme, freqs[i]!])),
      rare: least / 2,
    });
  }
  return tables;
}

/**
 * The share of posts a tsquery (as PostgreSQL prints it: `'a' & !('b' | 'c':*) <-> 'd'`) matches, assuming
 * words occur independently: "and" and phrases multiply, "or" adds what the other leaves, "not" takes the rest.
 */
export function estimateShare(tsquery: string, stats: LexemeShares): number {
  const tokens = tsquery.match(/'(?:[^']|'')*'(?::[*A-Da-d]+)?|<\d*-?>|[&|!()]/g) ?? [];
  let at = 0;
  const lexeme = (token: string) => {
    const [, text = '', suffix = ''] = /^'((?:[^']|'')*)'(?::(.*))?$/.exec(token) ?? [];
    const word = text.replaceAll("''", "'");
    if (!suffix.includes('*')) return stats.shares.get(word) ?? stats.rare;
    let share = 0;
    for (const [known, value] of stats.shares) if (known.startsWith(word)) share += value;
    return Math.min(1, Math.max(share, stats.rare));
  };
  const unary = (): number => {
    const token = tokens[at++];
    if (token === '!') return 1 - unary();
    if (token === '(') {
      const inner = or();
      at++; // ')'
      return inner;
    }
    return token ? lexeme(token) : 0;
  };
  const and = (): number => {
    let share = unary();
    while (tokens[at] === '&' || tokens[at]?.startsWith('<')) {
      at++;
      share *= unary();
    }
    return share;
  };
  const or = (): number => {
    let share = and();
    while (tokens[at] === '|') {
      at++;
      const other = and();
      share = share + other - share * other;
    }
    return share;
  };
  return or();
}
