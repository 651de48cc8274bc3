import { type Filter, splitPath } from './filter.js';
import { ScimProblem } from './problem.js';
import {
  type Attribute,
  ENTERPRISE_ATTRIBUTES,
  findAttribute,
  GROUP_ATTRIBUTES,
  URN,
  USER_ATTRIBUTES,
} from './schema.js';

/** A SCIM resource as plain JSON with the schema's own spelling of every attribute name. */
export type Doc = Record<string, unknown>;

const externalId: Attribute = {
  name: 'externalId',
  type: 'string',
  caseExact: true,
  description: "The provisioning client's identifier for the resource.",
};

/** The writable attributes of a User from the top: core, externalId, and the enterprise extension as one object. */
export const USER_TOP: Attribute[] = [
  ...USER_ATTRIBUTES,
  externalId,
  {
    name: URN.enterprise,
    type: 'complex',
    description: 'The enterprise extension.',
    subAttributes: ENTERPRISE_ATTRIBUTES,
  },
];
export const GROUP_TOP: Attribute[] = [...GROUP_ATTRIBUTES, externalId];

export const isObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalidValue = (name: string, why: string) =>
  new ScimProblem(400, 'invalidValue', `The attribute "${name}" ${why}.`);

/** The attributes a path names, from the top; undefined when one of them is not in the schema. */
export function resolvePath(top: Attribute[], path: string): Attribute[] | undefined {
  const chain: Attribute[] = [];
  let level = top;
  for (const name of splitPath(path)) {
    const attribute = findAttribute(level, name);
    if (!attribute) return undefined;
    chain.push(attribute);
    level = attribute.subAttributes ?? [];
  }
  return chain.length > 0 ? chain : undefined;
}

/**
 * What a client sent, in the schema's spelling: names matched without regard to case, "True"/"False" read as
 * booleans, a bare string where a complex value is due read as its `value` (Entra's manager), dotted and
 * URN-prefixed keys placed where they point, and anything the schema does not know left out.
 */
export function canonical(attributes: Attribute[], raw: Doc): Doc {
  const doc: Doc = {};
  for (const [key, value] of Object.entries(raw)) {
    const direct = findAttribute(attributes, key);
    if (direct) {
      const read = canonicalValue(direct, value);
      if (read !== null) doc[direct.name] = mergeInto(doc[direct.name], read);
      continue;
    }
    const chain = resolvePath(attributes, key);
    if (!chain || chain.length < 2 || chain.slice(0, -1).some((a) => a.multiValued)) continue;
    const read = canonicalValue(chain.at(-1)!, value);
    if (read === null) continue;
    let parent = doc;
    for (const attribute of chain.slice(0, -1)) {
      if (!isObject(parent[attribute.name])) parent[attribute.name] = {};
      parent = parent[attribute.name] as Doc;
    }
    parent[chain.at(-1)!.name] = mergeInto(parent[chain.at(-1)!.name], read);
  }
  return doc;
}

const mergeInto = (existing: unknown, read: unknown) =>
  isObject(existing) && isObject(read) ? { ...existing, ...read } : read;

/** One attribute's value in the schema's terms; null when there is none. */
export function canonicalValue(attribute: Attribute, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (attribute.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => canonicalSingle(attribute, item)).filter((item) => item !== null);
  }
  if (Array.isArray(value)) {
    // Some clients wrap a single value in a list; take its one element.
    if (value.length > 1) throw invalidValue(attribute.name, 'takes one value, not a list');
    return value.length === 0 ? null : canonicalSingle(attribute, value[0]);
  }
  return canonicalSingle(attribute, value);
}

function canonicalSingle(attribute: Attribute, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (attribute.type) {
    case 'complex': {
      if (isObject(value)) {
        const doc = canonical(attribute.subAttributes ?? [], value);
        return Object.keys(doc).length > 0 ? doc : null;
      }
      const hasValue = attribute.subAttributes?.some((sub) => sub.name === 'value');
      if (hasValue && (typeof value === 'string' || typeof value === 'number'))
        return { value: String(value) };
      throw invalidValue(attribute.name, 'must be an object');
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const lower = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (lower === 'true' || lower === 'false') return lower === 'true';
      throw invalidValue(attribute.name, 'must be true or false');
    }
    default: {
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw invalidValue(attribute.name, 'must be a string');
    }
  }
}

/** Does a multi-valued attribute's element (an email, a member) satisfy a value filter? */
export function matches(filter: Filter, element: Doc): boolean {
  switch (filter.kind) {
    case 'and':
      return matches(filter.left, element) && matches(filter.right, element);
    case 'or':
      return matches(filter.left, element) || matches(filter.right, element);
    case 'not':
      return !matches(filter.filter, element);
    case 'present': {
      const value = fieldOf(element, filter.path);
      return value !== undefined && value !== null && value !== '';
    }
    case 'valuePath':
      return false;
    case 'compare':
      return compare(fieldOf(element, filter.path), filter.op, filter.value);
  }
}

const fieldOf = (element: Doc, name: string) => {
  const lower = name.toLowerCase();
  const key = Object.keys(element).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : element[key];
};

function compare(actual: unknown, op: string, expected: unknown): boolean {
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    const a = String(actual).toLowerCase();
    const e = String(expected).toLowerCase();
    return op === 'eq' ? a === e : op === 'ne' ? a !== e : false;
  }
  if (actual === undefined || actual === null)
    return op === 'ne' ? expected !== null : expected === null && op === 'eq';
  const a = String(actual).toLowerCase();
  const e = String(expected).toLowerCase();
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'co':
      return a.includes(e);
    case 'sw':
      return a.startsWith(e);
    case 'ew':
      return a.endsWith(e);
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
    default:
      return false;
  }
}
