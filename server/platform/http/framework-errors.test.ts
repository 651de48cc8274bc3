import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness.js';

/** Issue 17, defect 4: errors Fastify or Node's HTTP parser answer themselves are problem+json too. */
let ctx: Awaited<ReturnType<typeof testApp>>;
let port: number;

beforeAll(async () => {
  ctx = await testApp();
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  port = (ctx.app.server.address() as { port: number }).port;
});

afterAll(async () => {
  await ctx.app.close();
});

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  detail: RegExp,
) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.body) as { status: number; title: string; detail: string };
  expect(problem.status).toBe(status);
  expect(problem.title.length).toBeGreaterThan(0);
  expect(problem.detail).toMatch(detail);
}

/** Sends bytes as they are over a socket (app.inject skips Node's parser) and reads the whole answer. */
function rawRequest(
  text: string,
): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ statusCode: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

describe('errors met before a route runs are problem+json', () => {
  it('a path parameter that is not valid percent-encoding is a 400', async () => {
    expectProblem(await ctx.app.inject({ url: '/api/v1/people/%E0%A4%A' }), 400, /percent-encoded/);
  });

  it('an over-long path parameter is a 414', async () => {
    const response = await ctx.app.inject({ url: `/api/v1/people/${'a'.repeat(500)}` });
    expectProblem(response, 414, /longer than 100/);
  });

  it('a body in a content type Plein does not take is a 415 that says what to send', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expectProblem(response, 415, /application\/json/);
  });

  it('a body that is not JSON is a 400 that says so', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expectProblem(response, 400, /not valid JSON/);
  });

  it('a URL longer than the parser takes is a 431 written by the client error handler', async () => {
    const response = await rawRequest(
      `GET /api/v1/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expectProblem(response, 431, /16 KiB/);
  });

  it('a request that is not HTTP at all is a 400', async () => {
    expectProblem(await rawRequest('HELLO THERE\r\n\r\n'), 400, /not valid HTTP/);
  });
});
