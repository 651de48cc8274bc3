import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { allRoutes } from '../../app.js';
import type { Route } from '../../platform/http/route.js';
import { buildPerson, tokenFor } from '../factories.js';
import { testApp } from '../harness.js';
import { validValue } from './arbitraries.js';

/**
 * Issue 17, defect 3, as a class: on every route, each part it declares (params, query, body) refuses NUL in its
 * first field with a 400 naming that field — before the contract is even applied, so new routes are covered too.
 */
let ctx: Awaited<ReturnType<typeof testApp>>;
let bearer: string;

beforeAll(async () => {
  ctx = await testApp({ config: { demo: true } });
  const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
  bearer = ((await tokenFor(ctx.db.pool, admin)) as { bearer: string }).bearer;
});

type Part = 'params' | 'querystring' | 'body';
const PARTS: Part[] = ['params', 'querystring', 'body'];
const fieldsOf = (schema: z.ZodType | undefined) =>
  Object.keys((schema as unknown as { shape?: object } | undefined)?.shape ?? {});
const sample = (schema: z.ZodType) => fc.sample(validValue(schema), { seed: 17, numRuns: 1 })[0];

function requestWithNul(route: Route, part: Part): { url: string; body?: unknown; field: string } {
  const field = fieldsOf(route.schema[part])[0] ?? 'note';
  const params = (route.schema.params ? sample(route.schema.params) : {}) as Record<string, unknown>;
  let url = route.url.replace(/:(\w+)/g, (_, name: string) =>
    part === 'params' && name === field ? 'a%00b' : encodeURIComponent(String(params[name])),
  );
  if (part === 'querystring') url += `?${encodeURIComponent(field)}=a%00b`;
  if (part === 'body') return { url, body: { [field]: 'a\u0000b' }, field };
  return { url, body: route.schema.body ? sample(route.schema.body) : undefined, field };
}

// SCIM answers in its own error shape to its own tokens (scim/*.test.ts); the fuzz holds its routes to no 5xx.
const personRoutes = allRoutes.filter((route) => !route.url.startsWith('/scim/'));
const cases = personRoutes.flatMap((route) =>
  PARTS.filter((part) => route.schema[part]).map(
    (part) => [`${route.method} ${route.url} ${part}`, route, part] as const,
  ),
);

describe('NUL in any declared request part of any route is a 400 naming the field', () => {
  it('covers every route that takes input', () => {
    const withInput = personRoutes.filter((route) => PARTS.some((part) => route.schema[part]));
    expect(new Set(cases.map(([, route]) => route)).size).toBe(withInput.length);
    expect(withInput.length).toBeGreaterThan(50);
  });

  it.each(cases)('%s', async (_name, route, part) => {
    const { url, body, field } = requestWithNul(route, part);
    const response = await ctx.app.inject({
      method: route.method,
      url,
      headers: { authorization: `Bearer ${bearer}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json() as { errors: { field: string; message: string }[] };
    expect(problem.errors[0]).toEqual({ field, message: expect.stringMatching(/NUL/) });
  });
});
