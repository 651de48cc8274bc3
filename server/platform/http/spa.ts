import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { inProject } from '../project-root.js';

/** Where `npm run build:web` puts the browser app. */
export const WEB_DIST = inProject('web', 'dist');

/** Paths that belong to the APIs: an unknown one there is a problem+json 404, never the app's page. */
const API_PREFIXES = ['/api/', '/scim/'];

/**
 * The page may load only what Plein serves itself: no outside host, not even for an avatar, learns who views
 * what. The other security headers are set for every response in security-headers.ts.
 */
export function pageContentSecurityPolicy(): string {
  return (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; " +
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
  );
}

const PAGE_HEADERS = {
  'content-security-policy': pageContentSecurityPolicy(),
  'cache-control': 'no-cache',
};

/**
 * Serves the built SPA from the same origin as the API: its files as they are, and index.html for every other
 * page path, so that deep links such as /t/12-title or /g/sales work on a reload. Does nothing without a build.
 * `csp: false` (config PLEIN_TEST_DISABLE_CSP, tests and demo only) leaves the sanitiser alone on guard.
 */
export async function registerSpa(
  app: FastifyInstance,
  root = WEB_DIST,
  { csp = true, building }: { csp?: boolean; building?: Promise<void> } = {},
): Promise<boolean> {
  // `building`: the first start builds the web app while the node already listens (and answers "preparing").
  if (!building && !existsSync(join(root, 'index.html'))) return false;
  if (building) mkdirSync(root, { recursive: true }); // the build fills it; the static files plugin wants it now
  const { 'content-security-policy': policy, ...withoutCsp } = PAGE_HEADERS;
  const pageHeaders = csp ? PAGE_HEADERS : withoutCsp;
  if (!csp) app.log.warn({ policy }, 'pages are served WITHOUT a Content-Security-Policy (test switch)');
  // Known at start-up, so a request path is only ever compared with names, never joined onto the disk path.
  const known = () => new Set(listFiles(root).map((file) => `/${relative(root, file).split(sep).join('/')}`));
  let files = building ? new Set<string>() : known();
  void building?.then(
    () => {
      files = known();
    },
    () => {}, // the start fails on it elsewhere (main.ts)
  );
  // Our own cache headers: hashed assets for good, everything else revalidated.
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path === '/api' || path === '/scim' || API_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      return reply.callNotFound();
    }
    if (files.has(path) && path !== '/index.html') return sendAsset(reply, path);
    return reply.headers(pageHeaders).sendFile('index.html');
  });
  return true;
}

function sendAsset(reply: FastifyReply, path: string) {
  // Vite puts a content hash in every name under /assets/, so those never change.
  const immutable = path.startsWith('/assets/');
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  return reply.sendFile(path.slice(1));
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
