import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInAsDemo } from './api.js';
import { type Device, LAPTOP, launchBrowser, newContext, PHONE, waitForPath } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let threadPath: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const fatima = await signInAsDemo(baseUrl, 'fatima.elamrani');
  const feed = await fatima.get<{ items: { id: string; replyCount: number }[] }>('/api/v1/feed');
  threadPath = `/t/${[...feed.items].sort((a, b) => b.replyCount - a.replyCount)[0]!.id}`;
});

afterAll(async () => {
  await browser?.close();
});

const pages = () => [
  '/',
  threadPath,
  '/g/kubernetes',
  '/g/kubernetes/manage',
  '/groups',
  '/groups/new',
  '/people',
  '/u/fatima.elamrani',
  '/tags/kubernetes',
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
      await page.goto('/login');
      await page.locator('.demo-person').first().waitFor();
      found['/login'] = await violations(page);
      await page.locator('.demo-person', { hasText: 'Fatima' }).click();
      await waitForPath(page, '/');
      for (const path of pages()) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await page.locator('main h1').first().waitFor();
        found[path] = await violations(page);
      }
      // The open composer and the open account menu, too.
      await page.goto('/');
      await page.locator('.composer-prompt').click();
      await page.locator('form.composer').waitFor();
      found['/ (composer open)'] = await violations(page);
    } finally {
      await context.close();
    }
    expect(Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0))).toEqual({});
  });
});
