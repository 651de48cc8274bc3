/**
 * `npm run test:scim`: Microsoft's SCIM reference test collection (108 assertions) through newman against the built
 * node on a fresh embedded database with no demo. Fails on any failed assertion or request error.
 *
 * The collection is not in this repository: PLEIN_SCIM_COLLECTION names it, by default the shared copy beside the
 * repository (../shared/conformance/scim/PostmanCollection.json; its README says where it comes from).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import newman from 'newman';
import { startServer } from './server.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const collection = resolve(
  repoRoot,
  process.env.PLEIN_SCIM_COLLECTION ?? '../shared/conformance/scim/PostmanCollection.json',
);
if (!existsSync(collection)) {
  console.error(`SCIM conformance: no collection at ${collection} (set PLEIN_SCIM_COLLECTION).`);
  process.exit(2);
}

const server = await startServer({
  // An empty organisation, and the test-only token route the collection starts with (config.ts allows it only so).
  PLEIN_DEMO: '0',
  PLEIN_ADMIN_EMAIL: '',
  PLEIN_ADMIN_PASSWORD: '',
  NODE_ENV: 'test',
  PLEIN_SCIM_TEST_TOKEN_ROUTE: '1',
});

try {
  const { port } = new URL(server.url);
  const summary = await new Promise<newman.NewmanRunSummary>((done, fail) => {
    newman.run(
      {
        collection,
        envVar: [
          { key: 'Protocol', value: 'http' },
          { key: 'Server', value: '127.0.0.1' },
          { key: 'Port', value: `:${port}` },
          { key: 'Api', value: 'scim/v2' },
        ],
        reporters: ['cli'],
      },
      (error, result) => (error ? fail(error) : done(result)),
    );
  });
  const { assertions, requests } = summary.run.stats;
  const total = assertions.total ?? 0;
  const failedAssertions = assertions.failed ?? 0;
  const failures = summary.run.failures.length;
  console.log(
    `SCIM conformance: ${total - failedAssertions}/${total} assertions passed, ` +
      `${requests.total ?? 0} requests, ${failures} failures.`,
  );
  if (failures > 0 || failedAssertions > 0 || total === 0) process.exitCode = 1;
} finally {
  await server.stop();
}
