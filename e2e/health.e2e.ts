import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  photographOnFailure,
  seen,
  waitForPath,
  watchProblems,
} from './browser.js';
import { HELPER, type Stage, setStage } from './fixtures.js';
import { ADMIN } from './server.js';
import { openFromMore, signIn, wordsFor } from './steps.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let stage: Stage;

beforeAll(async () => {
  browser = await launchBrowser();
  stage = await setStage(baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe('communities that live, and contributions on a profile', () => {
  it('shows a community its health, admins the communities needing attention, and a profile its contributions', async () => {
    const t = wordsFor('en');
    const admin = { ...ADMIN, name: 'Admin', handle: 'admin' };
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'health', async () => {
        await signIn(page, t, admin, `/g/${stage.open.slug}`);
        await seen(page.getByRole('heading', { name: t('health.title') }));
        // The stage's community has one or two active participants: far below 25. Its few members are fewer than
        // the minimum group size, so how many took part is not shown (docs/PRIVACY.md), nor is the trend.
        await seen(page.getByText(t('health.below')));
        await seen(page.getByText(t('analytics.withheld', { minimum: 5 })));
        expect(await page.getByRole('img', { name: /^Trend over 12 weeks: / }).count()).toBe(0);
        await seen(page.getByRole('heading', { name: t('health.suggestionsTitle') }));

        await openFromMore(page, t, t('adminCommunities.nav'));
        await waitForPath(page, '/admin/communities');
        await seen(page.getByRole('heading', { level: 1, name: t('adminCommunities.title') }));
        // Made without a sponsor, both are listed for the admin who owns them.
        await seen(page.getByRole('link', { name: stage.open.name }));
        await seen(page.getByRole('link', { name: stage.secret.name }));

        await page.goto(`/u/${HELPER.handle}`);
        await seen(page.getByRole('heading', { name: t('contributions.title') }));
        await seen(page.getByText(t('contributions.acceptedAnswers')));
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
