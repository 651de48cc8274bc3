import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PLEIN_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with everything that would reach out to the internet switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** locale: the browser's own, when it is not the usual one for `language` (nl-NL, en-GB). */
export type Device = {
  width: number;
  height: number;
  language: 'nl' | 'en';
  dark?: boolean;
  locale?: string;
};

export const LAPTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 375, height: 740 } as const;

/** A fresh browser profile: its own cookies, screen size, browser language and colour scheme. */
export async function newContext(browser: Browser, baseURL: string, device: Device): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: device.width, height: device.height },
    locale: device.locale ?? (device.language === 'nl' ? 'nl-NL' : 'en-GB'),
    colorScheme: device.dark ? 'dark' : 'light',
    isMobile: device.width < 500,
    hasTouch: device.width < 500,
  });
  context.setDefaultTimeout(20_000);
  return context;
}

const SIGNED_OUT_PROBES = ['/api/v1/me', '/api/v1/auth/session'];

/**
 * Records what goes wrong in a browser profile during normal use: failed requests, answers of 400 and up, console
 * errors and warnings. The one expected failure is the signed-out app asking who is signed in (a 401 from /me and /auth/session).
 */
export function watchProblems(context: BrowserContext): string[] {
  const problems: string[] = [];
  context.on('requestfailed', (request) => {
    // Leaving a page cancels its open requests (the live stream above all): not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
      problems.push(`failed ${request.method()} ${request.url()}`);
    }
  });
  context.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() === 401 && SIGNED_OUT_PROBES.includes(path)) return;
    if (response.status() >= 400)
      problems.push(`${response.status()} ${response.request().method()} ${path}`);
  });
  context.on('console', (message) => {
    // A 4xx answer also logs "Failed to load resource"; the response itself is what the list holds.
    const kind = message.type();
    if ((kind === 'error' || kind === 'warning') && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return problems;
}

/** Waits until the locator shows; a readable failure names what was expected. */
export async function seen(locator: Locator, timeout = 20_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

/** The one of several matches that is visible (desktop and phone navigation both exist in the page). */
export const visible = (locator: Locator) => locator.filter({ visible: true }).first();

/** The page has its content: a main heading, and no skeleton still waiting for data. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ state: 'visible' });
  await page.locator('.skeleton').first().waitFor({ state: 'detached' });
}

/** Where a run leaves its pictures, for CI to keep: one per page visited, and `failures/` (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

const fileName = (name: string) => name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '');

/** A picture of the page as it is now, in e2e/artifacts/<name>.png: no extra page load. */
export async function photograph(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({
    path: join(ARTIFACTS, `${fileName(name)}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** On a failure, a picture of every open page in e2e/artifacts/failures, to see what the person saw. */
export async function photographOnFailure<T>(pages: Page[], name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const dir = join(ARTIFACTS, 'failures');
    mkdirSync(dir, { recursive: true });
    for (const [index, page] of pages.entries()) {
      await page
        .screenshot({ path: join(dir, `${fileName(name)}-${index}.png`), fullPage: true })
        .catch(() => {});
    }
    throw error;
  }
}

export async function waitForPath(page: Page, path: string | RegExp, timeout = 15_000): Promise<void> {
  await page.waitForURL(
    (url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)),
    {
      timeout,
    },
  );
}
