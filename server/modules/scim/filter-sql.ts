import { type CompareOp, type Filter, type FilterValue, splitPath } from './filter.js';
import { ScimProblem } from './problem.js';

/**
 * How one filterable attribute reads in SQL. Text is compared in lower case unless it is case-exact; a `joined`
 * column holds every value of a list between newlines, so eq/co/sw/ew stay one LIKE each on a trigram index.
 */
export type Column =
  | { kind: 'text' | 'exact'; sql: string }
  | { kind: 'joined'; sql: string; elements?: Column & { kind: 'list' } }
  | { kind: 'id' | 'boolean' | 'time'; sql: string }
  | { kind: 'list'; exists: (where: string) => string; columns: Columns };

/** Attribute path (lower case, enterprise ones by their own name) → its column. */
export type Columns = Record<string, Column>;

export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A filter as a SQL condition over the given columns; unknown attributes and operators are invalidFilter. */
export function filterSql(filter: Filter, columns: Columns, params: SqlParams): string {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return `(${filterSql(filter.left, columns, params)} ${filter.kind} ${filterSql(filter.right, columns, params)})`;
    case 'not':
      return `not coalesce(${filterSql(filter.filter, columns, params)}, false)`;
    case 'valuePath': {
      const named = columnOf(columns, filter.path);
      const column = named.kind === 'joined' && named.elements ? named.elements : named;
      if (column.kind !== 'list') throw invalid(`"${filter.path}" is not a list to filter`);
      return column.exists(filterSql(filter.filter, column.columns, params));
    }
    case 'present':
      return presentSql(columnOf(columns, filter.path));
    case 'compare':
      return compareSql(columnOf(columns, filter.path), filter.op, filter.value, params);
  }
}

const invalid = (why: string) => new ScimProblem(400, 'invalidFilter', `The filter is not valid: ${why}.`);

function columnOf(columns: Columns, path: string): Column {
  const names = splitPath(path);
  // The enterprise extension's attributes are filtered by their own names ("department", "manager.value").
  const key = (names[0]?.startsWith('urn:') ? names.slice(1) : names).join('.').toLowerCase();
  const column = columns[key];
  if (!column) throw invalid(`"${path}" cannot be filtered on`);
  return column;
}

function presentSql(column: Column): string {
  switch (column.kind) {
    case 'list':
      return column.exists('true');
    case 'joined':
      return `${column.sql} <> E'\\n\\n'`;
    case 'text':
    case 'exact':
      return `coalesce(${column.sql}, '') <> ''`;
    default:
      return `${column.sql} is not null`;
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function compareSql(column: Column, op: CompareOp, value: FilterValue, params: SqlParams): string {
  if (op === 'ne') return `not coalesce(${compareSql(column, 'eq', value, params)}, false)`;
  switch (column.kind) {
    case 'list': {
      // members eq "id" is members.value eq "id".
      const inner = column.columns.value;
      if (!inner) throw invalid('this list is filtered by its sub-attributes');
      return column.exists(compareSql(inner, op, value, params));
    }
    case 'id': {
      if (op !== 'eq') throw invalid('ids are compared with eq or ne only');
      const text = String(value);
      return /^[1-9]\d{0,17}$/.test(text) ? `${column.sql} = ${params.add(text)}::bigint` : 'false';
    }
    case 'boolean': {
      if (op !== 'eq') throw invalid('booleans are compared with eq or ne only');
      const text = String(value).toLowerCase();
      if (text !== 'true' && text !== 'false') throw invalid('a boolean is true or false');
      return `(${column.sql}) = ${params.add(text === 'true')}`;
    }
    case 'time': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
        throw invalid('a time must be ISO 8601');
      const sqlOp = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' }[op as 'eq'];
      if (!sqlOp) throw invalid('times are compared with eq, ne, gt, ge, lt or le');
      return `${column.sql} ${sqlOp} ${params.add(value)}::timestamptz`;
    }
    case 'joined': {
      if (value === null) return op === 'eq' ? `${column.sql} = E'\\n\\n'` : 'false';
      const text = escapeLike(String(value).toLowerCase());
      const pattern = { eq: `%\n${text}\n%`, co: `%${text}%`, sw: `%\n${text}%`, ew: `%${text}\n%` }[
        op as 'eq'
      ];
      if (!pattern) throw invalid('a list of addresses is compared with eq, ne, co, sw or ew');
      return `${column.sql} like ${params.add(pattern)}`;
    }
    default: {
      if (value === null) return op === 'eq' ? `${column.sql} is null` : 'false';
      const text = column.kind === 'text' ? String(value).toLowerCase() : String(value);
      const sqlOp = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' }[op as 'eq'];
      if (sqlOp) return `${column.sql} ${sqlOp} ${params.add(text)}`;
      const escaped = escapeLike(text);
      const pattern = { co: `%${escaped}%`, sw: `${escaped}%`, ew: `%${escaped}` }[op as 'co'];
      return `${column.sql} like ${params.add(pattern)}`;
    }
  }
}

/** What a User filter can say, each over an index of migration 0023 (or the primary key, or the manager index). */
// emails[type eq "work" and value co "x"]: each element read apart (no index; the other conditions narrow first).
const emailElements: Column & { kind: 'list' } = {
  kind: 'list',
  exists: (where) =>
    `exists (select 1 from jsonb_array_elements(coalesce(p.scim_data -> 'emails',
       jsonb_build_array(jsonb_build_object('value', p.email, 'type', 'work', 'primary', true)))) e where ${where})`,
  columns: {
    value: { kind: 'text', sql: "lower(e ->> 'value')" },
    type: { kind: 'text', sql: "lower(e ->> 'type')" },
    display: { kind: 'text', sql: "lower(e ->> 'display')" },
    primary: { kind: 'boolean', sql: "coalesce((e ->> 'primary')::boolean, false)" },
  },
};

export const USER_COLUMNS: Columns = {
  id: { kind: 'id', sql: 'p.id' },
  username: { kind: 'text', sql: 'lower(coalesce(p.scim_user_name, p.email))' },
  externalid: { kind: 'exact', sql: 'p.external_id' },
  displayname: { kind: 'text', sql: 'lower(p.name)' },
  'name.formatted': { kind: 'text', sql: 'lower(p.name)' },
  'name.familyname': { kind: 'text', sql: "lower(p.scim_data #>> '{name,familyName}')" },
  'name.givenname': { kind: 'text', sql: "lower(p.scim_data #>> '{name,givenName}')" },
  emails: { kind: 'joined', sql: 'plein_scim_emails(p.scim_data, p.email)', elements: emailElements },
  'emails.value': { kind: 'joined', sql: 'plein_scim_emails(p.scim_data, p.email)' },
  active: { kind: 'boolean', sql: "p.status = 'active'" },
  title: { kind: 'text', sql: 'lower(p.title)' },
  department: { kind: 'text', sql: 'lower(p.department)' },
  manager: { kind: 'id', sql: 'p.manager_id' },
  'manager.value': { kind: 'id', sql: 'p.manager_id' },
  'meta.created': { kind: 'time', sql: 'p.created_at' },
  'meta.lastmodified': { kind: 'time', sql: 'p.updated_at' },
};

/** A member of a Group, as `members[...]` filters read it. */
export const MEMBER_COLUMNS: Columns = {
  value: { kind: 'id', sql: 'm.person_id' },
  display: { kind: 'text', sql: 'lower(m.display)' },
};
const members: Column = {
  kind: 'list',
  exists: (where) => `exists (select 1 from scim_group_members m where m.group_id = g.id and ${where})`,
  columns: MEMBER_COLUMNS,
};

export const GROUP_COLUMNS: Columns = {
  id: { kind: 'id', sql: 'g.id' },
  displayname: { kind: 'text', sql: 'lower(g.display_name)' },
  externalid: { kind: 'exact', sql: 'g.external_id' },
  members,
  'members.value': members,
  'meta.created': { kind: 'time', sql: 'g.created_at' },
  'meta.lastmodified': { kind: 'time', sql: 'g.updated_at' },
};
