import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from './test/fresh-database.js';
import { buildServer, PleinProcess, START_TIMEOUT } from './test/plein-process.js';

// Many keep-alive sockets, each sending its next request the moment the last one is answered: at SIGTERM some of
// them are idle between two requests, with the next one already on its way.
const SOCKETS = 96;
const REQUESTS_PER_SOCKET = 30;
const SIGTERM_AFTER = SOCKETS * 4;

type Outcome =
  | { kind: 'answered'; status: number; reused: boolean; closes: boolean; afterSigterm: boolean }
  | { kind: 'failed'; code: string; reused: boolean; afterSigterm: boolean };

let server: Awaited<ReturnType<typeof buildServer>>;
let fresh: FreshDatabase;
beforeAll(async () => {
  server = await buildServer('shutdown-test');
  fresh = await freshDatabase({ onDisk: true });
});
afterAll(async () => {
  server.remove();
  await fresh.drop();
});

/** One GET on the agent: its complete answer, or how it failed and whether it went out on a reused socket. */
function get(agent: Agent, port: number, path: string, afterSigterm: () => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          kind: 'answered',
          status: res.statusCode ?? 0,
          reused: req.reusedSocket,
          closes: res.headers.connection === 'close',
          afterSigterm: afterSigterm(),
        }),
      );
      res.on('error', (error: NodeJS.ErrnoException) =>
        resolve({
          kind: 'failed',
          code: error.code ?? error.message,
          reused: req.reusedSocket,
          afterSigterm: true,
        }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        kind: 'failed',
        code: error.code ?? error.message,
        reused: req.reusedSocket,
        afterSigterm: afterSigterm(),
      }),
    );
    req.end();
  });
}

describe('SIGTERM under keep-alive load', () => {
  it(
    'answers every request the node accepted, on every keep-alive socket, and then exits 0',
    async () => {
      const plein = new PleinProcess(server.file, { ...fresh.env, PLEIN_DEMO: '0', PLEIN_LOG_LEVEL: 'info' });
      const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
      try {
        const port = await plein.port();
        let answered = 0;
        let sigterm = false;
        const afterSigterm = () => sigterm;
        const worker = async () => {
          const outcomes: Outcome[] = [];
          for (let i = 0; i < REQUESTS_PER_SOCKET; i++) {
            const outcome = await get(agent, port, '/readyz', afterSigterm);
            outcomes.push(outcome);
            if (outcome.kind === 'answered' && ++answered === SIGTERM_AFTER) {
              sigterm = true;
              plein.child.kill('SIGTERM');
            }
            // A new connection after the node stopped listening is refused: that request was never accepted.
            if (outcome.kind === 'failed' && !outcome.reused) break;
          }
          return outcomes;
        };
        const outcomes = (await Promise.all(Array.from({ length: SOCKETS }, worker))).flat();

        expect(sigterm).toBe(true);
        // Every request sent on a socket the node had accepted got a whole answer: no reset, no empty close.
        const lost = outcomes.filter((o) => o.kind === 'failed' && o.reused);
        expect(lost).toEqual([]);
        const failedFresh = outcomes.filter((o) => o.kind === 'failed');
        for (const failure of failedFresh) {
          expect(failure).toMatchObject({ afterSigterm: true });
          expect(['ECONNREFUSED', 'ECONNRESET']).toContain((failure as { code: string }).code);
        }
        // The drain was exercised: requests arriving on open keep-alive sockets after SIGTERM were answered, and
        // each such answer closed its connection.
        const late = outcomes.filter((o) => o.kind === 'answered' && o.afterSigterm);
        expect(late.length).toBeGreaterThan(0);
        for (const answer of outcomes.filter((o) => o.kind === 'answered'))
          expect([200, 503]).toContain((answer as { status: number }).status);
        expect(await plein.exited).toEqual({ code: 0, signal: null });
        expect(plein.stderr).toBe('');
      } finally {
        agent.destroy();
        plein.child.kill('SIGKILL');
      }
    },
    START_TIMEOUT * 2,
  );
});
