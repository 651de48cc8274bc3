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

export type Device = { width: number; height: number; language: 'nl' | 'en'; dark?: boolean };

export const LAPTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 375, height: 740 } as const;

/** A fresh browser profile: its own cookies, screen size, browser language and colour scheme. */
export async function newContext(browser: Browser, baseURL: string, device: Device): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: device.width, height: device.height },
    locale: device.language === 'nl' ? 'nl-NL' : 'en-GB',
    colorScheme: device.dark ? 'dark' : 'light',
    isMobile: device.width < 500,
    hasTouch: device.width < 500,
  });
  context.setDefaultTimeout(20_000);
  return context;
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
