import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from './app.js';
import { testApp } from './test/harness.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
type Operation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, unknown>;
};
let spec: { openapi: string; paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  ctx = await testApp();
  const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  spec = response.json();
});

const openApiPath = (url: string) => url.replace(/:([A-Za-z_]\w*)/g, '{$1}');
const operations = () =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );

describe('OpenAPI description at /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(spec.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(spec));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists the core paths external clients rely on', () => {
    expect(spec.paths['/api/v1/auth/login']?.post).toBeDefined();
    expect(spec.paths['/api/v1/people']?.get).toBeDefined();
    expect(spec.paths['/api/v1/people/{handle}']?.get).toBeDefined();
    expect(spec.paths['/api/v1/me']?.get).toBeDefined();
  });

  it('describes exactly the routes in allRoutes, each with its method', () => {
    const described = operations()
      .map(({ method, path }) => `${method} ${path}`)
      .sort();
    const served = allRoutes.map((route) => `${route.method} ${openApiPath(route.url)}`).sort();
    expect(described).toEqual(served);
  });

  it('gives every operation a summary, a tag, its success response and its path parameters', () => {
    for (const route of allRoutes) {
      const operation = spec.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      const where = `${route.method} ${route.url}`;
      expect(operation?.summary, where).toBe(route.summary);
      expect(operation?.tags, where).toEqual(route.tags);
      expect(Object.keys(operation?.responses ?? {}), where).toContain(String(route.status ?? 200));
      const pathParams = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]);
      const declared = (operation?.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), where).toEqual(pathParams.sort());
      expect(
        declared.every((p) => p.required === true),
        where,
      ).toBe(true);
    }
  });

  it('marks signed-in routes with the session and bearer schemes, SCIM routes with the SCIM token, and leaves public ones open', () => {
    for (const route of allRoutes) {
      const operation = spec.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      // /scim/v2 takes an identity provider's SCIM token, never a person's session or API token.
      const expected =
        route.auth === 'none' || route.auth === 'public'
          ? undefined
          : route.auth === 'scim'
            ? [{ scimToken: [] }]
            : [{ session: [] }, { bearer: [] }];
      expect(operation?.security, `${route.method} ${route.url}`).toEqual(expected);
    }
  });
});

describe('API docs page at /api/docs', () => {
  it('serves an HTML page whose scripts and styles load', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<div id="swagger-ui">');
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toContain('/api/docs/static/swagger-ui-bundle.js');
    for (const asset of assets) {
      expect((await ctx.app.inject({ method: 'GET', url: asset })).statusCode, asset).toBe(200);
    }
  });

  it('points the page at the same description that /api/v1/openapi.json serves', async () => {
    const initializer = await ctx.app.inject({
      method: 'GET',
      url: '/api/docs/static/swagger-initializer.js',
    });
    expect(initializer.body).toContain("resolveUrl('./json')");
    const json = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.json()).toEqual(spec);
  });
});
