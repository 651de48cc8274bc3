import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isAllowedAddress } from './guard.js';

export class RefusedFetch extends Error {}

export type SafeFetchOptions = {
  accept: string;
  maxBytes: number;
  /** Past maxBytes: keep what came (a page's head is enough) or refuse (an image must be whole). */
  overLimit: 'truncate' | 'refuse';
  timeoutMs: number;
  maxRedirects: number;
  /** Loopback addresses let through for the test suite's own site (config.linkPreviews.testAddresses). */
  testAddresses: readonly string[];
};

export type Fetched = { url: string; status: number; contentType: string; body: Buffer };

/**
 * GET for link previews, safe against server-side request forgery: only http(s); the host resolved once and
 * every address checked (guard.ts); the connection made to the checked address itself, so no second lookup can
 * differ; redirects followed by hand, each checked the same way, at most maxRedirects; a size and a time limit
 * for the whole; no cookies sent or kept; no connection reused.
 */
export async function safeFetch(start: string, options: SafeFetchOptions): Promise<Fetched> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = new URL(start);
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    const address = await checkedAddress(url, options.testAddresses);
    const response = await get(url, address, options, signal);
    if (response.status >= 300 && response.status < 400 && response.location) {
      url = new URL(response.location, url);
      continue;
    }
    return {
      url: url.toString(),
      status: response.status,
      contentType: response.contentType,
      body: response.body,
    };
  }
  throw new RefusedFetch(`more than ${options.maxRedirects} redirects`);
}

async function checkedAddress(url: URL, testAddresses: readonly string[]): Promise<string> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RefusedFetch(`not http(s): ${url.protocol}`);
  if (url.username || url.password) throw new RefusedFetch('credentials in the address');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  if (addresses.length === 0) throw new RefusedFetch(`${host} has no address`);
  // One refused address refuses the name: a resolver could hand out either.
  const bad = addresses.find((address) => !isAllowedAddress(address, testAddresses));
  if (bad) throw new RefusedFetch(`${host} resolves to ${bad}, which link previews may not reach`);
  return addresses[0]!;
}

type Response = { status: number; location: string | null; contentType: string; body: Buffer };

function get(url: URL, address: string, options: SafeFetchOptions, signal: AbortSignal): Promise<Response> {
  const client = url.protocol === 'https:' ? https : http;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const request = client.request(
      {
        host: address,
        family: isIP(address),
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: {
          host: url.host,
          accept: options.accept,
          'user-agent': 'Plein link preview (+https://plein.dev)',
        },
        // TLS checks the certificate against the name, though the connection goes to the checked address.
        ...(isIP(host) ? {} : { servername: host }),
        agent: false,
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = typeof response.headers.location === 'string' ? response.headers.location : null;
        const contentType = String(response.headers['content-type'] ?? '');
        if (status >= 300 && status < 400) {
          response.resume();
          return resolve({ status, location, contentType, body: Buffer.alloc(0) });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            if (options.overLimit === 'refuse')
              return reject(new RefusedFetch(`larger than ${options.maxBytes} bytes`));
            chunks.push(chunk.subarray(0, chunk.length - (size - options.maxBytes)));
            return resolve({ status, location, contentType, body: Buffer.concat(chunks) });
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status, location, contentType, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}
