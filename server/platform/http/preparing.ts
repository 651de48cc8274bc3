import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serviceUnavailable } from './problem.js';

/** How often the "preparing" page reloads itself, and what Retry-After says, in seconds. */
export const PREPARING_RETRY_SECONDS = 3;

/**
 * The first start's work after the node listens (the demo seed, the web build): until `finish()`, every request
 * but /healthz is answered 503 — /readyz and the APIs as problem+json, a browser's page with a page that says so
 * and reloads itself. Listening first means the address answers within seconds of `npm start`.
 */
export class Preparing {
  private done = false;

  get ready(): boolean {
    return this.done;
  }

  finish(): void {
    this.done = true;
  }
}

const texts = {
  nl: {
    title: 'Plein wordt klaargezet',
    body: 'Bij de eerste start maakt Plein de demo-organisatie aan en bouwt het de webapp. Dat duurt meestal minder dan een minuut; deze pagina ververst zichzelf.',
  },
  en: {
    title: 'Plein is getting ready',
    body: 'On its first start Plein creates the demo organisation and builds the web app. That usually takes less than a minute; this page refreshes itself.',
  },
} as const;

/** Registers the gate; call before any route so it answers before all of them. */
export function holdWhilePreparing(
  app: FastifyInstance,
  preparing: Preparing,
  defaultLanguage: 'nl' | 'en',
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (preparing.ready) return;
    const path = request.url.split('?')[0]!;
    if (path === '/healthz') return; // the process is up; /readyz says it is not ready yet
    const wantsPage =
      request.method === 'GET' &&
      path !== '/readyz' &&
      !/^\/(api|scim)(\/|$)/.test(path) &&
      /text\/html/.test(request.headers.accept ?? '');
    if (!wantsPage) {
      throw serviceUnavailable(
        'Plein is preparing the demo organisation (first start); try again in a few seconds.',
        PREPARING_RETRY_SECONDS,
      );
    }
    const language = languageOf(request, defaultLanguage);
    const text = texts[language];
    return reply
      .code(503)
      .headers({
        'retry-after': String(PREPARING_RETRY_SECONDS),
        'cache-control': 'no-store',
        // Nothing to load or run: the page is its own text and one inline style.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'",
      })
      .type('text/html; charset=utf-8')
      .send(page(language, text.title, text.body));
  });
}

/** The browser's first Dutch or English choice, else the organisation's language. */
function languageOf(request: FastifyRequest, fallback: 'nl' | 'en'): 'nl' | 'en' {
  for (const part of (request.headers['accept-language'] ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'nl' || tag === 'en') return tag;
  }
  return fallback;
}

const page = (language: string, title: string, body: string) => `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${PREPARING_RETRY_SECONDS}">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:20vh auto;padding:0 1rem;line-height:1.5;color:#1f2933;background:#fff}@media (prefers-color-scheme:dark){body{color:#e4e7eb;background:#1f2933}}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${body}</p>
</main>
</body>
</html>
`;
