import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../build.js';
import { type FreshDatabase, freshDatabase } from '../../test/fresh-database.js';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const built = `dist/mail-test-${process.pid}.js`;
const START_TIMEOUT = 300_000;
const admin = { email: 'ops@example.test', password: 'operations password' };

let sink: SmtpSink;
let fresh: FreshDatabase;
beforeAll(async () => {
  await bundle('server/main.ts', built);
  sink = await startSmtpSink();
  fresh = await freshDatabase({ onDisk: true });
}, START_TIMEOUT);
afterAll(async () => {
  rmSync(`${repoRoot}/${built}`, { force: true });
  await sink?.close();
  await fresh?.drop();
});

/** The built node as `npm start` runs it; resolves its port once it listens. */
function startNode(): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, [built], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      PORT: '0',
      PLEIN_DEMO: '0',
      PLEIN_ADMIN_EMAIL: admin.email,
      PLEIN_ADMIN_PASSWORD: admin.password,
      SMTP_URL: sink.url,
      PLEIN_MAIL_FROM: 'Plein <plein@mail.example.test>',
      PLEIN_MAIL_SECRET: 'process-test-secret-0123456789abcdef',
      // A killed node's claimed send is taken over after two seconds.
      PLEIN_MAIL_LEASE_SECONDS: '2',
      ...fresh.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // It listens first and answers 503 "preparing" until it logs that it is ready.
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match && /"msg":"ready"/.test(output)) resolve(Number(match[1]));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', () => reject(new Error(`node exited before listening:\n${output}`)));
  });
  return { child, port };
}

async function signIn(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  // Sign-in also sets the known-device cookie: send the session's.
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('plein_session='))!;
  return (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

describe('a node killed in the middle of sending', () => {
  it(
    'loses no mail and sends none twice once another node takes over',
    async () => {
      const first = startNode();
      const call = await signIn(await first.port);
      const handles: string[] = [];
      for (let i = 0; i < 12; i++) {
        const handle = `reader${i}`;
        const created = await call('POST', '/api/v1/people', {
          email: `${handle}@example.test`,
          name: `Reader ${i}`,
          handle,
        });
        expect(created.status).toBe(201);
        handles.push(handle);
      }
      const group = await call('POST', '/api/v1/groups', { name: 'Everyone here', visibility: 'open' });
      expect(group.status).toBe(201);
      const { slug } = (await group.json()) as { slug: string };

      // The SMTP server keeps its answer to the first message back: the node dies waiting for it.
      const held = sink.holdNext();
      const posted = await call('POST', '/api/v1/threads', {
        communitySlug: slug,
        kind: 'discussion',
        title: 'All hands',
        body: handles.map((h) => `@${h}`).join(' '),
      });
      expect(posted.status).toBe(201);
      await held;
      first.child.kill('SIGKILL');
      await once(first.child, 'exit');
      sink.releaseHeld();

      const second = startNode();
      try {
        const again = await signIn(await second.port);
        const outbox = async () =>
          (
            (await (await again('GET', '/api/v1/admin/outbox?limit=100')).json()) as {
              items: { status: string }[];
            }
          ).items;
        await expect
          .poll(async () => (await outbox()).filter((m) => m.status === 'sent').length, {
            timeout: 60_000,
            interval: 250,
          })
          .toBe(12);
        expect(await outbox()).toHaveLength(12);
        for (const handle of handles) expect(sink.to(`${handle}@example.test`)).toHaveLength(1);
        expect(sink.received).toHaveLength(12);
      } finally {
        second.child.kill('SIGKILL');
      }
    },
    START_TIMEOUT * 3,
  );
});
