import type { Queryable } from './database.js';

/**
 * A normalised, engine-neutral text description of the public schema: extensions, functions, tables with
 * their columns, constraints, indexes and triggers, views and free-standing sequences, in a stable order.
 * Compared with schema.snapshot.txt on PGlite and on a PostgreSQL server, it proves both engines end up with
 * the same schema. Regenerate the snapshot with `npm run db:snapshot`.
 *
 * Normalised away, because it is engine noise and not schema:
 * - NOT NULL constraints as pg_constraint rows (PostgreSQL 18 names them, 15 does not): nullability is
 *   described once, per column;
 * - objects owned by an extension (pg_trgm's functions, operators and types): the extension line, with its
 *   version, covers them.
 * Nothing else is rewritten: index, constraint and default definitions are PostgreSQL's own text.
 */
export async function describeSchema(db: Queryable): Promise<string> {
  const lines: string[] = [];
  for (const { extname, extversion } of await rows<{ extname: string; extversion: string }>(
    db,
    `select extname, extversion from pg_extension where extname <> 'plpgsql' order by extname`,
  )) {
    lines.push(`extension ${extname} ${extversion}`);
  }
  for (const fn of await rows<{
    signature: string;
    returns: string;
    lang: string;
    volatility: string;
    body: string;
  }>(
    db,
    `select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as signature,
            pg_get_function_result(p.oid) as returns, l.lanname as lang,
            case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end
              || case p.proparallel when 's' then ' parallel safe' when 'r' then ' parallel restricted' else '' end
              || case when p.proisstrict then ' strict' else '' end as volatility,
            p.prosrc as body
       from pg_proc p join pg_language l on l.oid = p.prolang
      where p.pronamespace = 'public'::regnamespace and not ${extensionMember('pg_proc', 'p.oid')}
      order by signature`,
  )) {
    lines.push(`function ${fn.signature} returns ${fn.returns} language ${fn.lang} ${fn.volatility}`);
    lines.push(`  body ${fn.body.trim().replace(/\s+/g, ' ')}`);
  }
  for (const { relname } of await relations(db, "'r', 'p'")) {
    lines.push(`table ${relname}`, ...(await describeTable(db, relname)));
  }
  for (const view of await rows<{ relname: string; definition: string }>(
    db,
    `select c.relname, pg_get_viewdef(c.oid) as definition from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm')
        and not ${extensionMember('pg_class', 'c.oid')}
      order by c.relname`,
  )) {
    lines.push(`view ${view.relname}`, `  as ${view.definition.trim().replace(/\s+/g, ' ')}`);
  }
  // Identity columns own their sequences; only sequences created on purpose are schema of their own.
  for (const { relname } of await rows<{ relname: string }>(
    db,
    `select c.relname from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'S'
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                          and d.deptype in ('i', 'a', 'e'))
      order by c.relname`,
  )) {
    lines.push(`sequence ${relname}`);
  }
  return `${lines.join('\n')}\n`;
}

async function describeTable(db: Queryable, table: string): Promise<string[]> {
  const lines: string[] = [];
  for (const column of await rows<{
    attname: string;
    type: string;
    attnotnull: boolean;
    default_expr: string | null;
    attidentity: string;
    attgenerated: string;
  }>(
    db,
    `select a.attname, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull,
            pg_get_expr(d.adbin, d.adrelid) as default_expr, a.attidentity, a.attgenerated
       from pg_attribute a
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [`public.${table}`],
  )) {
    const parts = [`  column ${column.attname} ${column.type}`];
    if (column.attnotnull) parts.push('not null');
    if (column.attidentity) parts.push(`identity ${column.attidentity === 'a' ? 'always' : 'by default'}`);
    if (column.attgenerated) parts.push(`generated as ${column.default_expr} stored`);
    else if (column.default_expr !== null) parts.push(`default ${column.default_expr}`);
    lines.push(parts.join(' '));
  }
  for (const constraint of await rows<{ conname: string; definition: string }>(
    db,
    `select conname, pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid = $1::regclass and contype <> 'n'
      order by conname`,
    [`public.${table}`],
  )) {
    lines.push(`  constraint ${constraint.conname} ${constraint.definition}`);
  }
  for (const index of await rows<{ relname: string; definition: string }>(
    db,
    `select c.relname, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = $1::regclass
      order by c.relname`,
    [`public.${table}`],
  )) {
    lines.push(`  index ${index.relname} ${index.definition}`);
  }
  for (const trigger of await rows<{ tgname: string; definition: string }>(
    db,
    `select tgname, pg_get_triggerdef(oid) as definition from pg_trigger
      where tgrelid = $1::regclass and not tgisinternal
      order by tgname`,
    [`public.${table}`],
  )) {
    lines.push(`  trigger ${trigger.tgname} ${trigger.definition}`);
  }
  return lines;
}

const relations = (db: Queryable, kinds: string) =>
  rows<{ relname: string }>(
    db,
    `select c.relname from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in (${kinds})
        and not ${extensionMember('pg_class', 'c.oid')}
      order by c.relname`,
  );

const extensionMember = (catalog: string, oid: string) =>
  `exists (select 1 from pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;

async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}
