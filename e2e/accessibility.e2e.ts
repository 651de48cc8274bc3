import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { violations } from './axe.js';
import {
  type Device,
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photograph,
  photographOnFailure,
  settled,
  waitForPath,
  watchProblems,
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

/** Each main page, and the name its picture gets in e2e/artifacts/. */
const pages = (): [name: string, path: string][] => [
  ['home', '/'],
  ['thread', stage.open.threadPath],
  ['community', `/g/${stage.open.slug}`],
  ['community-members', `/g/${stage.open.slug}/members`],
  ['community-manage', `/g/${stage.open.slug}/manage`],
  ['groups', '/groups'],
  ['groups-new', '/groups/new'],
  ['people', '/people'],
  ['profile', `/u/${HELPER.handle}`],
  ['hashtag', '/tags/e2e-platform'],
  ['notifications', '/notifications'],
  ['settings', '/settings'],
  ['themes', '/themes'],
  ['goals', '/goals'],
  ['unanswered', '/questions/unanswered'],
  ['search', '/search?q=platform'],
  ['experts', '/experts?q=kubernetes'],
  ['not-found', '/g/no-such-community'],
];

/** The demo organisation's admin (the README names him) and the pages only admins and analysts open. */
const ADMIN_PERSON = 'Bram Mulder';
const ADMIN_PAGES = [
  '/analytics',
  '/moderation',
  '/admin/communities',
  '/admin/outbox',
  '/admin/mail',
  '/admin/audit',
  '/admin/privacy',
  '/admin/people',
  '/admin/files',
  '/admin/import',
];

/** Cards whose content spills out sideways (a long title that does not wrap, a chart wider than its card). */
async function spills(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.card')]
      .filter((card) => card.scrollWidth > card.clientWidth + 1)
      .map((card) => `spills sideways: .card ${card.querySelector('h2, h3')?.textContent ?? card.className}`),
  );
}

// Light on the laptop and dark on the phone: both sizes, both colour schemes and both languages in two passes,
// run side by side (each in a context of its own) since each waits on the page more than it works.
const devices: [string, Device][] = [
  ['laptop, light', { ...LAPTOP, language: 'en' }],
  ['phone, dark', { ...PHONE, language: 'nl', dark: true }],
];

describe('accessibility (axe): no serious or critical violations on the main pages', {
  timeout: 900_000,
}, () => {
  it.concurrent.for(devices)('%s', async ([, device], { expect }) => {
    const context = await newContext(browser, baseUrl, device);
    // Every page of the walk, admin pages included, also makes no failing request and logs no error.
    const problems = watchProblems(context);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const label = `${device.width}-${device.dark ? 'dark' : 'light'}`;
    try {
      await photographOnFailure([page], `axe-${label}`, async () => {
        await page.goto('/login');
        await page.locator('.demo-person').first().waitFor();
        found['/login'] = await violations(page);
        await photograph(page, `${label}-login`);
        await page.locator('.demo-person', { hasText: HELPER.name }).click();
        await waitForPath(page, '/');
        for (const [name, path] of pages()) {
          await page.goto(path);
          await settled(page);
          found[path] = [...(await violations(page)), ...(await spills(page))];
          await photograph(page, `${label}-${name}`);
        }
        // A strategic theme and a business goal of the demo organisation, with their charts.
        for (const kind of ['themes', 'goals'] as const) {
          const list = (await (await page.request.get(`/api/v1/${kind}?limit=1`)).json()) as {
            items: { id: string }[];
          };
          const path = `/${kind}/${list.items[0]!.id}`;
          await page.goto(path);
          await settled(page);
          found[path] = await violations(page);
          await photograph(page, `${label}-${kind}-one`);
        }
        // The open composer and the open account menu, too.
        await page.goto('/');
        await page.locator('.composer-prompt').click();
        await page.locator('form.composer').waitFor();
        found['/ (composer open)'] = await violations(page);
        await photograph(page, `${label}-home-composer`);

        // The admin's pages, and the scorecard, signed in as the demo organisation's admin.
        await context.clearCookies();
        await page.goto('/login');
        await page.locator('.demo-person', { hasText: ADMIN_PERSON }).first().click();
        await waitForPath(page, '/');
        for (const path of ADMIN_PAGES) {
          await page.goto(path);
          await settled(page);
          found[path] = [...(await violations(page)), ...(await spills(page))];
          await photograph(page, `${label}-${path.slice(1).replace(/\//g, '-')}`);
        }
      });
    } finally {
      await context.close();
    }
    expect(Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0))).toEqual({});
    // The not-found page asks for a community that does not exist: that one 404 is the page's point.
    const expected = '404 GET /api/v1/groups/no-such-community';
    expect(
      problems.filter((problem) => problem !== expected),
      'failing requests and console errors',
    ).toEqual([]);
  });
});
