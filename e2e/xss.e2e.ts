import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, photographOnFailure } from './browser.js';
import { type RunningServer, startServer } from './server.js';
import { SINKS, storeCorpus, type Visit, type XssStage } from './xss/stage.js';
import { auditDom, type Findings, installTrap, noFindings } from './xss/trap.js';
import { decodeTrap, xssVectors } from './xss/vectors.js';

/**
 * Stored XSS, the class test: the whole corpus stored through every sink by the API, then every page that shows
 * it rendered in Chromium — on a node of its own that serves pages WITHOUT their CSP, so that the sanitiser and
 * the web app's escaping alone stand between a vector and the reader.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let stage: XssStage;
const findings: Findings = noFindings();

beforeAll(async () => {
  server = await startServer({ PLEIN_TEST_DISABLE_CSP: '1', NODE_ENV: 'test', PLEIN_DEMO: '0' });
  stage = await storeCorpus(server.url);
  browser = await launchBrowser();
  context = await newContext(browser, server.url, { width: 1440, height: 900, language: 'en' });
  await installTrap(context, server.url, findings);
  const [name, value] = stage.viewer.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Visits each page, waits for its stored text, walks its DOM; every finding names the page. */
async function audit(visits: Visit[]): Promise<Findings> {
  const before = {
    fired: findings.fired.length,
    offsite: findings.offsite.length,
    errors: findings.errors.length,
  };
  const dom: string[] = [];
  for (const visit of visits) {
    await page.goto(visit.path);
    // An update has no title, so its heading may be empty: wait for it to exist, and for the data.
    await page.locator('main h1').first().waitFor({ state: 'attached' });
    await page.locator('.skeleton').first().waitFor({ state: 'detached' });
    if (visit.marker) await page.getByText(visit.marker).first().waitFor({ state: 'attached' });
    dom.push(
      ...(await auditDom(page)).map((problem) => `${visit.what} (${visit.path.slice(0, 60)}): ${problem}`),
    );
  }
  return {
    fired: findings.fired.slice(before.fired).map(describeTrap),
    dom,
    offsite: findings.offsite.slice(before.offsite),
    errors: findings.errors.slice(before.errors),
  };
}

const vectors = xssVectors();
/** "__xss(40123)" → which sink and which vector. */
function describeTrap(report: string): string {
  const code = /__xss\((\d+)\)/.exec(report)?.[1];
  if (!code) return report;
  const { sink, id } = decodeTrap(Number(code));
  return `${report} — sink "${SINKS[sink - 1]}", vector #${id}: ${JSON.stringify(vectors[id - 1]?.source)}`;
}

const clean = (found: Findings) => expect(found).toEqual({ fired: [], dom: [], offsite: [], errors: [] });

describe('stored XSS: the corpus through every sink, rendered in Chromium without a CSP', () => {
  it('serves the pages without a CSP, and the trap catches a script that runs', async () => {
    const response = await page.goto('/');
    // Only framing stays forbidden (the security-headers hook): nothing that limits what a page may load or run.
    expect(response?.headers()['content-security-policy']).toBe("frame-ancestors 'none'");
    await page.evaluate(() => (window as unknown as { __xss: (code: number) => void }).__xss(1));
    expect(findings.fired.splice(0)).toEqual([expect.stringContaining('__xss(1)')]);
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<a href="javascript:void 0" onclick="x">probe</a>');
    });
    expect(await auditDom(page)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('event handler onclick'),
        expect.stringContaining('href="javascript:void 0"'),
      ]),
    );
  });

  it('stored every vector in every stored sink', () => {
    const all = vectors.length;
    for (const sink of [
      'thread body',
      'reply',
      'idea status note',
      'theme outcome',
      'community description',
    ] as const)
      expect(stage.stored[sink], sink).toBe(all);
    for (const sink of SINKS) expect(stage.stored[sink], sink).toBeGreaterThan(0);
  });

  for (const group of ['threads', 'people', 'communities', 'themes', 'goals', 'notifications', 'reflected']) {
    it(`runs nothing and leaves no dangerous markup on the ${group} pages`, async () => {
      const visits = stage.visits[group] ?? [];
      expect(visits.length).toBeGreaterThan(0);
      clean(await photographOnFailure([page], `xss-${group}`, () => audit(visits)));
    }, 180_000);
  }
});
