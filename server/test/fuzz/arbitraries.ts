import fc from 'fast-check';
import type { z } from 'zod';

/** Zod's own description of a schema: what the contract says, read without parsing anything. */
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: { check: string; pattern?: RegExp; minimum?: number; maximum?: number } } }[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
type StringBounds = { minLength: number | null; maxLength: number | null; format: string | null };
type NumberBounds = { minValue: number | null; maxValue: number | null; isInt: boolean };

/** Strings the database and the renderer must survive: PostgreSQL refuses some, others try to break out. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'before\u0000after',
  '\ud800',
  'lone \udfff low',
  'cut pair \ud83d',
  '',
  ' ',
  '\t\r\n',
  '\u202e\u200b\ufeff',
  '😀'.repeat(60),
  "'; drop table people; --",
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '%00%zz%',
  '-1',
  '0',
  '1e999',
  'NaN',
  'null',
  '99999999999999999999999999',
  '9223372036854775808',
  '2026-13-45T25:61:61Z',
  'x'.repeat(5_000),
];

/** Values of the wrong kind, size or depth for wherever they land. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 2 },
  fc.constantFrom(
    1e308,
    -1e308,
    2 ** 64,
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    0.5,
    -0,
    null,
    true,
    false,
    [],
    {},
  ),
  fc.constant(null).map(() => nested(2_000)),
  fc.constant(null).map(() => Array.from({ length: 5_000 }, (_, i) => `item ${i}`)),
  fc.constant(null).map(() => Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i]))),
  fc.constant('y'.repeat(200_000)),
);

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: [value] };
  return value;
};

/** Values the contract accepts (mostly: refinements across fields are not known here). */
export function validValue(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return validString(schema as unknown as StringBounds, def);
    case 'number':
      return validNumber(schema as unknown as NumberBounds);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'optional':
      return fc.option(validValue(def.innerType!), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(validValue(def.innerType!), { nil: null, freq: 4 });
    case 'default':
      return fc.option(validValue(def.innerType!), { nil: undefined, freq: 2 });
    case 'pipe':
      return validValue(def.in!);
    case 'array': {
      const { minimum, maximum } = lengthChecks(def);
      return fc.array(validValue(def.element!), {
        minLength: minimum ?? 0,
        maxLength: Math.min(maximum ?? 4, 4),
      });
    }
    case 'object':
      return validObject(def.shape ?? {});
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), validValue(def.valueType!), { maxKeys: 3 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map(validValue));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validObject(shape: Record<string, z.ZodType>): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(Object.entries(shape).map(([key, inner]) => [key, validValue(inner)]));
  // Optional fields come out as undefined; JSON and query strings leave those out.
  return fc
    .record(fields)
    .map((value) => Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)));
}

function lengthChecks(def: Def): { minimum: number | null; maximum: number | null } {
  let minimum: number | null = null;
  let maximum: number | null = null;
  for (const check of def.checks ?? []) {
    if (check._zod.def.check === 'min_length') minimum = check._zod.def.minimum ?? null;
    if (check._zod.def.check === 'max_length') maximum = check._zod.def.maximum ?? null;
  }
  return { minimum, maximum };
}

function validString(bounds: StringBounds, def: Def): fc.Arbitrary<string> {
  const min = bounds.minLength ?? 0;
  const max = bounds.maxLength ?? 60;
  const fits = (text: string) => text.length >= min && text.length <= max;
  if (bounds.format === 'email') return fc.emailAddress().filter(fits);
  if (bounds.format === 'url') return fc.webUrl();
  if (bounds.format === 'datetime') return isoDate.map((date) => date.toISOString());
  if (bounds.format === 'date') return isoDate.map((date) => date.toISOString().slice(0, 10));
  const pattern = def.checks?.find((check) => check._zod.def.pattern)?._zod.def.pattern;
  if (pattern) return matching(pattern).filter(fits);
  // Edges of the allowed length are where off-by-one bugs live.
  return fc.oneof(
    fc.string({ minLength: min, maxLength: Math.min(max, 40) }),
    fc.constant('w'.repeat(max)),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 20) }).filter(fits),
  );
}

/** fast-check cannot generate from every regular expression (lookaheads): a plain word stands in. */
function matching(pattern: RegExp): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(pattern);
  } catch {
    return fc.stringMatching(/^[a-z][a-z0-9]{1,20}$/);
  }
}

const isoDate = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});

function validNumber(bounds: NumberBounds): fc.Arbitrary<number> {
  const min = Number.isFinite(bounds.minValue) ? bounds.minValue! : -1_000_000;
  const max = Number.isFinite(bounds.maxValue) ? bounds.maxValue! : 1_000_000;
  if (bounds.isInt) return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Every path to a leaf (a string, number, boolean or null) of a JSON-like value. */
export function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((inner, i) => leafPaths(inner, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, [...path, key]));
  return [path];
}

/** A copy of value with the thing at path replaced (the whole value for an empty path). */
export function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

/** A valid value turned hostile in one place: a leaf replaced, a field added, or the whole of it swapped. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, hostileValue, fc.nat(), fc.constantFrom('leaf', 'leaf', 'extra', 'whole'))
    .map(([value, hostile, pick, how]) => {
      if (how === 'whole') return hostile;
      if (how === 'extra' && value !== null && typeof value === 'object' && !Array.isArray(value))
        return { ...value, unexpectedField: hostile };
      const paths = leafPaths(value);
      return replaceAt(value, paths[pick % paths.length] ?? [], hostile);
    });
}
