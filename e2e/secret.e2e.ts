import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { createNewcomer } from './api.js';
import { LAPTOP, launchBrowser, newContext, photographOnFailure, seen, waitForPath } from './browser.js';
import { type Stage, setStage } from './fixtures.js';
import { signIn, wordsFor } from './steps.js';

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

describe('journey 3: a secret community stays secret', () => {
  it('shows "not found" to a non-member for its page and its threads, even by URL', async () => {
    const t = wordsFor('en');
    const { secret } = stage;
    const outsider = await createNewcomer(stage.admin, 'Alex');
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'journey-3', async () => {
        // A deep link survives signing in, and then shows nothing of the community.
        await signIn(page, t, outsider, `/g/${secret.slug}`);
        await seen(page.getByRole('heading', { level: 1, name: t('notFound.title') }));
        await page.getByText(secret.name).waitFor({ state: 'detached' });

        await page.goto(`/t/${secret.threadId}`);
        await seen(page.getByRole('heading', { level: 1, name: t('notFound.title') }));
        await page.getByText(secret.threadTitle).waitFor({ state: 'detached' });

        await page.goto(`/groups?q=${encodeURIComponent(secret.name)}`);
        await seen(page.getByRole('heading', { name: t('communities.noneFound', { q: secret.name }) }));
        await waitForPath(page, '/groups');
      });
    } finally {
      await context.close();
    }
  });
});
