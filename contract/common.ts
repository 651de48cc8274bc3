import { z } from 'zod';

export const Id = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a numeric id of at most 18 digits');
export const Timestamp = z.string().describe('ISO 8601 UTC');
export const Handle = z
  .string()
  .min(2)
  .max(40)
  .regex(
    /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/,
    'may hold a–z, 0–9, dots, dashes and underscores, and must start and end with a letter or digit',
  );
export const Slug = z
  .string()
  .min(2)
  .max(60)
  .regex(
    /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    'may hold a–z, 0–9 and dashes, and must start and end with a letter or digit',
  );

export const LIMITS = {
  titleLength: 200,
  bodyLength: 50_000,
  requestBytes: 1024 * 1024,
  nameLength: 120,
  pageSize: 100,
} as const;

/**
 * What a one-line text (a title, a name) never needs and may abuse: C0 controls and DEL, C1 controls, the line
 * and paragraph separators, and the bidi embeddings, overrides and isolates that can make a name read as another
 * (U+202A–202E, U+2066–2069). Refused, not stripped, so what is stored is what the person sent. Right-to-left
 * marks (U+200E, U+200F) and joiners stay: scripts and emoji need them.
 */
const NOT_ON_ONE_LINE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** A one-line text field: the string schema given (trim it first), refusing what NOT_ON_ONE_LINE names. */
export const singleLine = (schema: z.ZodString) =>
  schema.refine(
    (text) => !NOT_ON_ONE_LINE.test(text),
    'must be one line, without control characters or bidi overrides',
  );

export const Title = singleLine(
  z.string().trim().max(LIMITS.titleLength, `must be at most ${LIMITS.titleLength} characters`),
);
export const Body = z.string().max(LIMITS.bodyLength, `must be at most ${LIMITS.bodyLength} characters`);

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(20),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const Problem = z.object({
  type: z.string(),
  status: z.number().int(),
  title: z.string(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** The problem responses a route can give, for its OpenAPI description. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Problem]));

export const Empty = z.null().describe('No content');
