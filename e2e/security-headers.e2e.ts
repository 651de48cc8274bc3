import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer, type NewPerson } from './api.js';
import { LAPTOP, launchBrowser, photographOnFailure, seen, settled } from './browser.js';
import { HELPER, type Stage, setStage } from './fixtures.js';
import { signIn, wordsFor } from './steps.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let stage: Stage;
let outside: OutsideHost;
let reader: NewPerson;

/** A 1×1 transparent PNG: what a tracking pixel looks like. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

type OutsideHost = { origin: string; requests: string[]; close: () => Promise<void> };

/** Another origin, as a tracker's would be: HTTPS (which the old CSP let through), on 127.0.0.1, logging each hit. */
async function startOutsideHost(): Promise<OutsideHost> {
  const dir = mkdtempSync(join(tmpdir(), 'plein-outside-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat(['-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'])
      .concat(['-addext', 'subjectAltName=IP:127.0.0.1']),
    { stdio: 'ignore' },
  );
  const requests: string[] = [];
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(PIXEL);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `https://127.0.0.1:${port}`,
    requests,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Watched = { context: BrowserContext; violations: string[]; otherOrigins: string[] };

/** A browser profile that records every CSP or Permissions-Policy complaint and every request that leaves Plein. */
async function watchedContext(): Promise<Watched> {
  // The outside host's certificate is self-signed: accepted, so only Plein's own rules can keep it out.
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: LAPTOP,
    locale: 'en-GB',
    ignoreHTTPSErrors: true,
  });
  context.setDefaultTimeout(20_000);
  const violations: string[] = [];
  const otherOrigins: string[] = [];
  await context.exposeBinding('pleinPolicyViolation', (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { pleinPolicyViolation: (text: string) => void })
        .pleinPolicyViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI} on ${event.documentURI}`);
    });
  });
  context.on('console', (message) => {
    if (/content security policy|permissions.policy/i.test(message.text())) violations.push(message.text());
  });
  const plein = new URL(baseUrl).origin;
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (/^https?:$/.test(url.protocol) && url.origin !== plein) otherOrigins.push(request.url());
  });
  return { context, violations, otherOrigins };
}

beforeAll(async () => {
  browser = await launchBrowser();
  stage = await setStage(baseUrl);
  outside = await startOutsideHost();
  reader = await createNewcomer(stage.admin, 'Robin');
  await stage.admin.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${reader.handle}`);
});

afterAll(async () => {
  await browser?.close();
  await outside?.close();
});

describe('security headers in the browser', () => {
  it('the SPA loads its pages with no CSP or Permissions-Policy violation and nothing from another origin', async () => {
    const t = wordsFor('en');
    const { context, violations, otherOrigins } = await watchedContext();
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'security-spa', async () => {
        await signIn(page, t, reader);
        await settled(page);
        for (const path of [
          stage.open.threadPath,
          `/g/${stage.open.slug}`,
          `/u/${HELPER.handle}`,
          '/people',
        ]) {
          const response = await page.goto(path);
          expect(response?.headers()['content-security-policy']).toContain("img-src 'self' data: blob:;");
          await settled(page);
        }
        expect(violations).toEqual([]);
        expect(otherOrigins).toEqual([]);
      });
    } finally {
      await context.close();
    }
  });

  it('/api/docs renders swagger-ui with no CSP violation', async () => {
    const { context, violations, otherOrigins } = await watchedContext();
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'security-docs', async () => {
        const response = await page.goto('/api/docs');
        expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
        await seen(page.getByRole('heading', { name: /Plein API/ }));
        // Opening an operation draws its parameters and schemas: more of swagger-ui's styles and pictures.
        await (await seen(page.locator('.opblock-summary').filter({ hasText: '/api/v1/me' }))).click();
        await seen(page.locator('.opblock-body'));
        expect(violations).toEqual([]);
        expect(otherOrigins).toEqual([]);
      });
    } finally {
      await context.close();
    }
  });

  it('a profile whose avatar points at another host shows initials and loads nothing from it', async () => {
    const t = wordsFor('en');
    const { context, violations, otherOrigins } = await watchedContext();
    const page = await context.newPage();
    const tracker = `${outside.origin}/avatar.png?viewer=${reader.handle}`;
    try {
      await photographOnFailure([page], 'security-avatar', async () => {
        // A value stored before outside addresses were refused: the API still hands it out as it is.
        await page.route(`**/api/v1/people/${HELPER.handle}`, async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, json: { ...(await response.json()), avatarUrl: tracker } });
        });
        await signIn(page, t, reader, `/u/${HELPER.handle}`);
        await seen(page.getByRole('heading', { level: 1, name: HELPER.name }));
        await settled(page);
        const avatar = page.locator('.profile-head .avatar');
        expect(await avatar.evaluate((element) => element.tagName)).toBe('SPAN');
        expect(await avatar.textContent()).toBe('PJ');
        expect(violations).toEqual([]);
        expect(otherOrigins).toEqual([]);

        // And were one ever rendered, the page's CSP refuses to fetch it.
        const outcome = await page.evaluate(
          (src) =>
            new Promise<string>((resolve) => {
              const image = new Image();
              image.onload = () => resolve('loaded');
              image.onerror = () => resolve('refused');
              image.src = src;
            }),
          `${outside.origin}/probe.png`,
        );
        expect(outcome).toBe('refused');
        await expect.poll(() => violations.join('\n')).toContain(`img-src blocked ${outside.origin}`);
        expect(outside.requests).toEqual([]);
      });
    } finally {
      await context.close();
    }
  });
});
