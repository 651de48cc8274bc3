import fc from 'fast-check';
import type { z } from 'zod';
import type { Route } from '../../platform/http/route.js';
import { HOSTILE_STRINGS, mutated, validValue } from './arbitraries.js';

export const FUZZ_ACTORS = ['member', 'admin', 'anonymous', 'session'] as const;
export type FuzzActor = (typeof FUZZ_ACTORS)[number];

/** One request to send: the URL is already encoded; `raw` bodies go out byte for byte. */
export type FuzzRequest = {
  actor: FuzzActor;
  method: Route['method'];
  url: string;
  body?: { json: unknown } | { raw: string | Buffer; contentType: string };
};

/** Values that exist in the test's organisation, by path parameter name, so some requests reach the services. */
export type KnownValues = Record<string, string[]>;

type Segment = { text: string } | { encoded: string };

/** Path segments that are not valid text once decoded, too long, or that try to walk out of the route. */
const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%zz',
  '%',
  'x'.repeat(101),
  '..',
  '%2F%2E%2E',
  '%C0%AF',
];

/** Percent-encodes UTF-8 bytes; a lone surrogate becomes U+FFFD, as a browser would send it. */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const shapeOf = (schema: z.ZodType | undefined): Record<string, z.ZodType> =>
  ((schema as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape ?? {}) as Record<
    string,
    z.ZodType
  >;

function segmentArb(name: string, schema: z.ZodType, known: KnownValues): fc.Arbitrary<Segment> {
  const real = known[name] ?? [];
  return fc.oneof(
    ...(real.length > 0
      ? [{ arbitrary: fc.constantFrom(...real).map((text) => ({ text })), weight: 6 }]
      : []),
    { arbitrary: validValue(schema).map((value) => ({ text: String(value) })), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((text) => ({ text })), weight: 1 },
    { arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS).map((encoded) => ({ encoded })), weight: 1 },
  );
}

const cursorText = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.filter((text) => text.length < 100)),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom('2026-01-05T09:00:00.000000Z', '2026-01-05', '1', '9223372036854775807', 'thread', 'reply'),
);
const cursorNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(1e308, -1, 2 ** 63, Number.MAX_SAFE_INTEGER + 2),
);
/** The key shapes Plein's lists use (decodeCursor): right shape, wrong contents is where checks are missed. */
const CURSOR_SHAPES = ['s', 'ss', 'ns', 'sss', 'nss', 'snss'];

/** A cursor no list gave out: opaque garbage, or well-formed base64url JSON holding the wrong things. */
export const bogusCursor: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('', 'null', '%00', 'W10', 'e30', '////'),
    {
      arbitrary: fc
        .constantFrom(...CURSOR_SHAPES)
        .chain((shape) => fc.tuple(...[...shape].map((kind) => (kind === 's' ? cursorText : cursorNumber)))),
      weight: 4,
    },
    fc
      .array(fc.oneof(cursorText, cursorNumber, fc.constantFrom(null, true, [], {})), { maxLength: 5 })
      .map((key) => key as unknown[]),
  )
  .map((key) => (typeof key === 'string' ? key : Buffer.from(JSON.stringify(key)).toString('base64url')));

function queryArb(schema: z.ZodType | undefined): fc.Arbitrary<string> {
  const shape = shapeOf(schema);
  const valid = validValue(schema ?? (emptyObject as unknown as z.ZodType));
  const withCursor = (value: unknown) =>
    'cursor' in shape
      ? fc
          .option(bogusCursor, { freq: 2 })
          .map((cursor) =>
            cursor === null || typeof value !== 'object' || value === null ? value : { ...value, cursor },
          )
      : fc.constant(value);
  const values = fc
    .oneof({ arbitrary: valid, weight: 3 }, { arbitrary: mutated(valid), weight: 2 })
    .chain(withCursor);
  const extra = fc.constantFrom(
    '',
    '',
    '',
    '&%00=1',
    '&limit=1&limit=2',
    '&&=&',
    '&q[$ne]=1',
    '&cursor=%ED%A0%80',
  );
  return fc.tuple(values, extra).map(([value, tail]) => {
    const pairs =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
    const query = pairs
      .flatMap(([key, inner]) =>
        (Array.isArray(inner) ? inner : [inner]).map((item) => `${encode(key)}=${encode(queryText(item))}`),
      )
      .join('&');
    const text = query + tail;
    return text ? `?${text.replace(/^&/, '')}` : '';
  });
}

const emptyObject = { _zod: { def: { type: 'object', shape: {} } } };
const queryText = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** Bodies that are not the JSON they claim to be, or far too big, or nested far too deep. */
const RAW_BODIES: { raw: () => string | Buffer; contentType: string }[] = [
  {
    raw: () => Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]),
    contentType: 'application/json',
  },
  { raw: () => '{"title": "x", ', contentType: 'application/json' },
  { raw: () => '', contentType: 'application/json' },
  { raw: () => 'null', contentType: 'application/json' },
  { raw: () => '1e999', contentType: 'application/json' },
  { raw: () => '{"__proto__": {"admin": true}}', contentType: 'application/json' },
  { raw: () => '{"constructor": {"prototype": {"admin": true}}}', contentType: 'application/json' },
  { raw: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`, contentType: 'application/json' },
  { raw: () => `{"t":"${'z'.repeat(10 * 1024 * 1024)}"}`, contentType: 'application/json' },
  { raw: () => 'title=x&body=y', contentType: 'application/x-www-form-urlencoded' },
  { raw: () => '<xml/>', contentType: 'application/xml' },
  { raw: () => 'plain words', contentType: 'text/plain' },
  { raw: () => '{"t": 1}', contentType: 'application/json; charset=latin1' },
];

function bodyArb(schema: z.ZodType | undefined): fc.Arbitrary<FuzzRequest['body']> {
  if (!schema) return fc.constant(undefined);
  const valid = validValue(schema);
  return fc.oneof(
    { arbitrary: valid.map((json) => ({ json })), weight: 4 },
    { arbitrary: mutated(valid).map((json) => ({ json })), weight: 4 },
    {
      arbitrary: fc.constantFrom(...RAW_BODIES).map(({ raw, contentType }) => ({ raw: raw(), contentType })),
      weight: 1,
    },
  );
}

/** Requests for one route, built from its contract: valid, at the edges, and hostile, by any of the actors. */
export function requestArb(route: Route, known: KnownValues, pinnedQuery = ''): fc.Arbitrary<FuzzRequest> {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const paramShape = shapeOf(route.schema.params);
  const segments = fc.tuple(
    ...names.map((name) => segmentArb(name, paramShape[name] ?? (emptyObject as never), known)),
  );
  return fc
    .record({
      actor: fc.constantFrom(...FUZZ_ACTORS),
      segments,
      query: route.schema.querystring ? queryArb(route.schema.querystring) : fc.constant(''),
      body: bodyArb(route.schema.body),
    })
    .map(({ actor, segments: values, query, body }) => {
      let url = route.url;
      names.forEach((name, i) => {
        const segment = values[i]!;
        url = url.replace(`:${name}`, 'encoded' in segment ? segment.encoded : encode(segment.text));
      });
      const fullQuery = pinnedQuery ? (query ? `${query}&${pinnedQuery}` : `?${pinnedQuery}`) : query;
      return { actor, method: route.method, url: `${url}${fullQuery}`, ...(body ? { body } : {}) };
    });
}

/** What a request was, short enough for a failure message. */
export function describeRequest(request: FuzzRequest): string {
  const body = !request.body
    ? ''
    : 'json' in request.body
      ? ` json ${JSON.stringify(request.body.json)?.slice(0, 300)}`
      : ` raw ${request.body.contentType} (${request.body.raw.length} bytes)`;
  return `${request.actor}: ${request.method} ${request.url.slice(0, 300)}${body}`;
}
