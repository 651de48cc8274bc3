import type { FastifyInstance, FastifyReply } from 'fastify';

/** Browser features Plein never uses: no page of ours, and nothing injected into one, may ask for them. */
const DENIED_FEATURES = [
  'accelerometer',
  'browsing-topics',
  'camera',
  'clipboard-read',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
];

/** What every response carries, whoever sent it (a route, Fastify's 404, the error handler, a static file). */
const EVERY_RESPONSE = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Plein's own paths (/t/123-title) say what someone reads: no outside site learns them.
  'referrer-policy': 'same-origin',
  'permissions-policy': DENIED_FEATURES.map((feature) => `${feature}=()`).join(', '),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** One year: browsers then refuse plain HTTP for Plein's host even on a first typed address. */
const HSTS = 'max-age=31536000; includeSubDomains';

/** The API's answers, opened as a document, may load and run nothing. */
export function apiContentSecurityPolicy(): string {
  return "default-src 'none'; frame-ancestors 'none'";
}

/** swagger-ui at /api/docs: its own scripts and styles (it sets inline styles), pictures inside its CSS. */
export function docsContentSecurityPolicy(): string {
  return (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
    "frame-ancestors 'none'"
  );
}

const isDocs = (path: string) => path === '/api/docs' || path.startsWith('/api/docs/');
const isApi = (path: string) =>
  ['/api', '/scim'].some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) ||
  path === '/healthz' ||
  path === '/readyz';

/**
 * Sets the security headers on every response in one place: an onSend hook on the root instance, registered
 * before any route or plugin so that all of them inherit it. HSTS only when Plein is served over HTTPS.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    reply.headers(EVERY_RESPONSE);
    if (options.https) reply.header('strict-transport-security', HSTS);
    if (isApi(path)) {
      // What the API answers depends on who asks: no browser or proxy keeps a copy.
      reply.header('cache-control', noStore(reply));
      reply.header(
        'content-security-policy',
        isDocs(path) ? docsContentSecurityPolicy() : apiContentSecurityPolicy(),
      );
      return;
    }
    // The SPA's page and files choose their own caching; anything else is not kept.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // A 304 has no body and no type; the browser merges its headers into the copy it kept, so a CSP chosen here
    // for "not HTML" would replace the page's own and leave it blank. The kept copy's CSP stands.
    if (reply.statusCode === 304 && !reply.hasHeader('content-security-policy')) return;
    reply.header('content-security-policy', framedNowhere(reply));
  });
}

/** no-store, keeping a route's no-transform (the event stream must reach the browser unbuffered). */
function noStore(reply: FastifyReply): string {
  const asked = String(reply.getHeader('cache-control') ?? '');
  return /\bno-transform\b/.test(asked) ? 'no-store, no-transform' : 'no-store';
}

/** A response's own CSP (the SPA's page) made unframeable; without one, a document of nothing. */
function framedNowhere(reply: FastifyReply): string {
  const own = reply.getHeader('content-security-policy');
  if (typeof own === 'string' && own.trim() !== '') {
    const kept = own
      .split(';')
      .map((directive) => directive.trim())
      .filter((directive) => directive !== '' && !/^frame-ancestors\b/i.test(directive));
    return [...kept, "frame-ancestors 'none'"].join('; ');
  }
  // An HTML page without a CSP of its own (none today) still runs; it just cannot be framed.
  const html = /^text\/html/.test(String(reply.getHeader('content-type') ?? ''));
  return html ? "frame-ancestors 'none'" : apiContentSecurityPolicy();
}
