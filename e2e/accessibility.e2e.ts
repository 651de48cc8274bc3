import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Device,
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photographOnFailure,
  settled,
  waitForPath,
} from './browser.js';
import { HELPER, type Stage, setStage } from './fixtures.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let stage: Stage;

beforeAll(async () => {
  browser = await launchBrowser();
  stage = await setStage(baseUrl);
  // As an owner the helper also sees the management page with its forms.
  await stage.admin.send('PATCH', `/api/v1/groups/${stage.open.slug}/members/${HELPER.handle}`, {
    role: 'owner',
  });
});

afterAll(async () => {
  await browser?.close();
});

const pages = () => [
  '/',
  stage.open.threadPath,
  `/g/${stage.open.slug}`,
  `/g/${stage.open.slug}/members`,
  `/g/${stage.open.slug}/manage`,
  '/groups',
  '/groups/new',
  '/people',
  `/u/${HELPER.handle}`,
  '/tags/e2e-platform',
  '/notifications',
  '/settings',
  '/g/no-such-community',
];

/** Serious and critical WCAG 2.1 A/AA violations, in words a failing test can show. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

const devices: [string, Device][] = [
  ['laptop, light', { ...LAPTOP, language: 'en' }],
  ['laptop, dark', { ...LAPTOP, language: 'nl', dark: true }],
  ['phone, light', { ...PHONE, language: 'nl' }],
  ['phone, dark', { ...PHONE, language: 'en', dark: true }],
];

describe('accessibility (axe): no serious or critical violations on the main pages', () => {
  it.each(devices)('%s', async (_, device) => {
    const context = await newContext(browser, baseUrl, device);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    try {
      await photographOnFailure([page], `axe-${device.width}-${device.dark ? 'dark' : 'light'}`, async () => {
        await page.goto('/login');
        await page.locator('.demo-person').first().waitFor();
        found['/login'] = await violations(page);
        await page.locator('.demo-person', { hasText: HELPER.name }).click();
        await waitForPath(page, '/');
        for (const path of pages()) {
          await page.goto(path);
          await settled(page);
          found[path] = await violations(page);
        }
        // The open composer and the open account menu, too.
        await page.goto('/');
        await page.locator('.composer-prompt').click();
        await page.locator('form.composer').waitFor();
        found['/ (composer open)'] = await violations(page);
      });
    } finally {
      await context.close();
    }
    expect(Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0))).toEqual({});
  });
});
