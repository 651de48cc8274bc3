import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import type { Database } from '../../platform/db/database.js';
import { testApp, testConfig } from '../../test/harness.js';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});

describe('probes', () => {
  it('GET /healthz says the process is up, without touching the database', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz says the database answers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  describe('when the database does not answer', () => {
    // A pool aimed at a closed port: every query fails the way a lost database server does.
    const deadPool = new pg.Pool({
      connectionString: 'postgres://plein@127.0.0.1:9/nowhere',
      connectionTimeoutMillis: 1000,
    });
    const deadDatabase: Database = {
      engine: 'postgres',
      pool: deadPool,
      listenClient: async () => null,
      close: () => deadPool.end(),
    };
    let dead: Awaited<ReturnType<typeof buildApp>>;

    beforeAll(async () => {
      dead = await buildApp({ config: testConfig(), db: deadDatabase, logger: false });
      await dead.app.ready();
    });
    afterAll(async () => {
      await dead.app.close();
      await deadDatabase.close();
    });

    it('GET /readyz answers 503 problem+json, so a load balancer stops sending traffic', async () => {
      const response = await dead.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 503, detail: 'The database does not answer.' });
    });

    it('GET /healthz still answers 200: the process itself is fine', async () => {
      expect((await dead.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    });
  });
});

describe('request ids', () => {
  it('gives every response an x-request-id, a new one per request', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    const second = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('echoes the x-request-id a proxy or client sent, so one id follows a request across systems', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/readyz',
      headers: { 'x-request-id': 'lb-7f3a-0001' },
    });
    expect(response.headers['x-request-id']).toBe('lb-7f3a-0001');
  });

  it('carries it on error responses too', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { 'x-request-id': 'trace-401' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['x-request-id']).toBe('trace-401');
  });
});
