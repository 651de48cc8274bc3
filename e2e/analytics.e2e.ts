import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Scorecard } from '../contract/analytics.js';
import type { Funnel } from '../contract/funnel.js';
import en from '../web/src/i18n/features/analytics.en.json' with { type: 'json' };
import nl from '../web/src/i18n/features/analytics.nl.json' with { type: 'json' };
import { signInAsAdmin } from './api.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photograph,
  photographOnFailure,
  seen,
  watchProblems,
} from './browser.js';

const baseUrl = inject('baseUrl');
const CONDITIONS = [
  'strategic',
  'bottom_line',
  'fertile_ground',
  'top_down_bottom_up',
  'enough_people',
  'low_threshold',
];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Signs in through the demo picker as one of the demo organisation's people. */
async function signInAs(page: Page, firstName: string): Promise<typeof en> {
  await page.goto('/login');
  await page.locator('.demo-person', { hasText: firstName }).first().click();
  await page.waitForURL((url) => url.pathname === '/');
  // Demo people have a language of their own, whatever the browser asks for.
  await page.locator('main h1').first().waitFor();
  return (await page.evaluate(() => document.documentElement.lang)) === 'nl' ? nl : en;
}

describe('the adoption scorecard on the demo organisation', () => {
  it.each([
    ['1440', LAPTOP],
    ['375', PHONE],
  ] as const)('shows the community manager every section with its chart at %s px', async (size, device) => {
    const context = await newContext(browser, baseUrl, { ...device, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], `analytics-${size}`, async () => {
        const words = await signInAs(page, 'Marieke');
        await page.goto('/analytics');
        await seen(page.getByRole('heading', { level: 1, name: words.analytics.title }));
        for (const id of CONDITIONS) {
          const section = page.locator(`[data-condition="${id}"]`);
          await seen(section.getByRole('heading', { level: 2 }));
          // Every condition has a status, figures with a definition behind a disclosure, and a drawn chart.
          await seen(section.locator('[data-status]'));
          await seen(section.locator('[data-figure] details summary').first());
          await section.locator('figure.chart svg').first().waitFor({ state: 'attached' });
        }
        // AMAs count in condition 1: the share of their questions answered stands among its figures.
        const ama = page.locator('[data-condition="strategic"] [data-figure="amaAnsweredShare"] dt');
        expect(await (await seen(ama)).textContent()).toBe(words.analytics.figures.amaAnsweredShare.label);
        await seen(page.getByRole('heading', { level: 2, name: words.analytics.benefits.title }));
        await page
          .locator('[data-section="benefits"] figure.chart svg')
          .first()
          .waitFor({ state: 'attached' });
        await seen(page.getByRole('heading', { level: 2, name: words.analytics.collaboration.title }));
        const csv = page.getByRole('link', { name: words.analytics.csv });
        expect(await csv.getAttribute('href')).toMatch(/^\/api\/v1\/analytics\/scorecard\.csv/);
        // A definition opens with one click.
        const first = page.locator('[data-figure] details').first();
        await first.locator('summary').click();
        await seen(first.locator('p'));
        await photograph(page, `analytics-${size}`);
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("tells the demo organisation's story in its figures", async () => {
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await signInAs(page, 'Marieke');
      const response = await page.request.get('/api/v1/analytics/scorecard');
      expect(response.status()).toBe(200);
      const scorecard = (await response.json()) as Scorecard;
      const condition = (id: string) => scorecard.conditions.find((c) => c.id === id)!;
      // One theme has had no outcome for months, and the recommendation names it.
      const quiet = condition('strategic').recommendations.find((r) => r.id === 'themeWithoutOutcome');
      expect(Number(quiet?.params.days)).toBeGreaterThanOrEqual(60);
      // One goal met, one missed.
      const goals = condition('bottom_line').details.goals ?? [];
      expect(goals.some((goal) => goal.met === true)).toBe(true);
      expect(goals.some((goal) => goal.met === false)).toBe(true);
      // Leaders start a falling share of the threads over the six months.
      const shares = condition('top_down_bottom_up')
        .trend.series.find((series) => series.id === 'leaderThreadShare')!
        .values.filter((value): value is number => value !== null);
      expect(shares.length).toBeGreaterThanOrEqual(6);
      expect(shares.at(-1)!).toBeLessThan(shares[0]!);
      // At least one community is below its threshold.
      expect(condition('enough_people').details.belowThreshold?.length ?? 0).toBeGreaterThan(0);
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says a view of fewer people than the minimum is not shown, in the reader’s language', async () => {
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'analytics-withheld', async () => {
        const words = await signInAs(page, 'Marieke');
        // The demo's departments are all large enough: the admin raises the minimum just above the smallest.
        const admin = await signInAsAdmin(baseUrl);
        const funnel = await admin.get<Funnel>('/api/v1/analytics/funnel');
        const smallest = funnel.byDepartment
          .filter((row) => row.department && row.invited)
          .sort((a, b) => a.invited! - b.invited!)[0]!;
        const minimum = Math.max(3, smallest.invited! + 1);
        await admin.send('PATCH', '/api/v1/settings', { analyticsMinimumGroup: minimum });
        try {
          await page.goto(`/analytics?${new URLSearchParams({ department: smallest.department })}`);
          const message = words.analytics.withheld.replace('{{minimum}}', String(minimum));
          await seen(page.getByRole('status').filter({ hasText: message }));
        } finally {
          await admin.send('PATCH', '/api/v1/settings', { analyticsMinimumGroup: 5 });
        }
        expect(await page.locator('[data-condition]').count()).toBe(0);
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('offers no Analytics link to an employee, and tells them why if they open the page', async () => {
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'analytics-member', async () => {
        const words = await signInAs(page, 'Fatima');
        await seen(page.getByRole('navigation').first());
        // Analytics would sit behind "More", next to Experts: open it and look.
        await page
          .getByRole('button', { name: /^(More|Meer)$/ })
          .first()
          .click();
        await seen(page.getByRole('link', { name: 'Experts', exact: true }).first());
        expect(await page.getByRole('link', { name: words.analytics.nav }).count()).toBe(0);
        await page.goto('/analytics');
        await seen(page.getByText(words.analytics.forbidden));
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
