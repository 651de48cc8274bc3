import { canonical, canonicalValue, type Doc, isObject, matches, resolvePath } from './document.js';
import { type Filter, type PatchPath, parsePatchPath } from './filter.js';
import { ScimProblem } from './problem.js';
import { type Attribute, findAttribute, URN } from './schema.js';

export type PatchOperation = { op: 'add' | 'replace' | 'remove'; path?: string; value?: unknown };

/** The operations of a PatchOp body; `op` is read without regard to case (Entra sends "Replace"). */
export function readOperations(body: unknown): PatchOperation[] {
  const raw = isObject(body)
    ? Object.entries(body).find(([key]) => key.toLowerCase() === 'operations')?.[1]
    : null;
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ScimProblem(400, 'invalidSyntax', 'A PATCH needs "Operations": a non-empty list.');
  }
  return raw.map((operation) => {
    if (!isObject(operation))
      throw new ScimProblem(400, 'invalidSyntax', 'Each operation must be an object.');
    const field = (name: string) =>
      Object.entries(operation).find(([key]) => key.toLowerCase() === name)?.[1];
    const op = String(field('op') ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new ScimProblem(400, 'invalidSyntax', `"${String(field('op'))}" is not add, replace or remove.`);
    }
    const path = field('path');
    if (path !== undefined && (typeof path !== 'string' || path.trim() === '')) {
      throw new ScimProblem(400, 'invalidPath', 'A path must be a non-empty string.');
    }
    return { op, path: path as string | undefined, value: field('value') };
  });
}

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource: with a path or without one (a value object whose keys
 * are paths), value filters (`emails[type eq "work"].value`), attribute names in any case. Attributes the schema
 * does not know are ignored, as on POST and PUT. Returns a new document.
 */
export function applyPatch(top: Attribute[], original: Doc, operations: PatchOperation[]): Doc {
  const doc = structuredClone(original);
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === 'remove') throw new ScimProblem(400, 'noTarget', 'A remove needs a path.');
      if (!isObject(operation.value)) {
        throw new ScimProblem(
          400,
          'invalidValue',
          'Without a path, the value must be an object of attributes.',
        );
      }
      for (const [key, value] of Object.entries(operation.value)) {
        // The enterprise extension as one object: each of its attributes is a path of its own.
        if (key.toLowerCase() === URN.enterprise.toLowerCase() && isObject(value)) {
          for (const [sub, subValue] of Object.entries(value)) {
            applyAt(top, doc, operation.op, { path: `${URN.enterprise}:${sub}` }, subValue);
          }
        } else {
          applyAt(top, doc, operation.op, { path: key }, value);
        }
      }
    } else {
      applyAt(top, doc, operation.op, parsePatchPath(operation.path), operation.value);
    }
  }
  return doc;
}

function applyAt(top: Attribute[], doc: Doc, op: PatchOperation['op'], target: PatchPath, value: unknown) {
  const chain = resolvePath(top, target.path);
  if (!chain) return;
  const parents = chain.slice(0, -1);
  if (parents.some((attribute) => attribute.multiValued)) {
    throw new ScimProblem(400, 'invalidPath', `"${target.path}" goes into a list without a value filter.`);
  }
  let parent = doc;
  for (const attribute of parents) {
    if (!isObject(parent[attribute.name])) {
      if (op === 'remove') return;
      parent[attribute.name] = {};
    }
    parent = parent[attribute.name] as Doc;
  }
  const last = chain.at(-1)!;
  if (target.filter) {
    if (!last.multiValued)
      throw new ScimProblem(400, 'invalidPath', `"${last.name}" is not a list to filter.`);
    applyFiltered(parent, last, op, target.filter, target.sub, value);
    return;
  }
  if (target.sub) throw new ScimProblem(400, 'invalidPath', 'A sub-attribute follows only a value filter.');
  if (op === 'remove') {
    removeWhole(parent, last, value);
    return;
  }
  const read = canonicalValue(last, value);
  if (read === null) {
    // Replacing with null is how some clients clear an attribute.
    delete parent[last.name];
  } else if (last.multiValued) {
    const existing = op === 'add' && Array.isArray(parent[last.name]) ? (parent[last.name] as Doc[]) : [];
    parent[last.name] = withPrimaryUnique([
      ...existing.filter((item) => !sameValue(item, read as Doc[])),
      ...(read as Doc[]),
    ]);
  } else if (last.type === 'complex' && isObject(parent[last.name]) && isObject(read)) {
    parent[last.name] = { ...(parent[last.name] as Doc), ...read };
  } else {
    parent[last.name] = read;
  }
}

/** A remove of a whole list may name the elements to drop in its value (Entra: members by value). */
function removeWhole(parent: Doc, attribute: Attribute, value: unknown) {
  if (
    attribute.multiValued &&
    value !== undefined &&
    value !== null &&
    Array.isArray(parent[attribute.name])
  ) {
    const drop = canonicalValue(attribute, value) as Doc[];
    parent[attribute.name] = (parent[attribute.name] as Doc[]).filter((item) => !sameValue(item, drop));
    return;
  }
  delete parent[attribute.name];
}

const sameValue = (item: Doc, others: Doc[]) =>
  item.value !== undefined &&
  others.some((other) => String(other.value ?? '').toLowerCase() === String(item.value).toLowerCase());

/** At most one element of a list is primary (RFC 7643 §2.4): the last one marked so wins. */
function withPrimaryUnique(items: Doc[]): Doc[] {
  const lastPrimary = items.map((item) => item.primary === true).lastIndexOf(true);
  return items.map((item, i) =>
    item.primary === true && i !== lastPrimary ? { ...item, primary: false } : item,
  );
}

function applyFiltered(
  parent: Doc,
  attribute: Attribute,
  op: PatchOperation['op'],
  filter: Filter,
  subName: string | undefined,
  value: unknown,
) {
  const list = Array.isArray(parent[attribute.name]) ? (parent[attribute.name] as Doc[]) : [];
  const sub = subName === undefined ? undefined : findAttribute(attribute.subAttributes ?? [], subName);
  if (subName !== undefined && !sub) return;
  const hits = list.map((item) => matches(filter, item));
  if (op === 'remove') {
    parent[attribute.name] = sub
      ? list.map((item, i) => (hits[i] ? withoutKey(item, sub.name) : item))
      : list.filter((_item, i) => !hits[i]);
    return;
  }
  const read = sub ? canonicalValue(sub, value) : canonicalValue({ ...attribute, multiValued: false }, value);
  if (!hits.includes(true)) {
    // Entra replaces emails[type eq "work"].value on a person who has no work email yet: that adds one.
    const created = canonical(attribute.subAttributes ?? [], {
      ...equalitiesOf(filter),
      ...(sub ? { [sub.name]: read } : (read as Doc)),
    });
    parent[attribute.name] = withPrimaryUnique([...list, created]);
    return;
  }
  parent[attribute.name] = withPrimaryUnique(
    list.map((item, i) => {
      if (!hits[i]) return item;
      if (sub) return read === null ? withoutKey(item, sub.name) : { ...item, [sub.name]: read };
      return isObject(read) ? { ...item, ...read } : item;
    }),
  );
}

const withoutKey = (item: Doc, key: string) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => k !== key));

/** The attribute = value pairs a filter insists on (`type eq "work"`), to build the element it did not find. */
function equalitiesOf(filter: Filter): Doc {
  if (filter.kind === 'compare' && filter.op === 'eq') return { [filter.path]: filter.value };
  if (filter.kind === 'and') return { ...equalitiesOf(filter.left), ...equalitiesOf(filter.right) };
  return {};
}
