import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer } from './api.js';
import { LAPTOP, launchBrowser, newContext, photographOnFailure, seen } from './browser.js';
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

describe('when things are slow or go wrong', () => {
  it('shows skeletons while waiting, problems next to what they concern, and keeps what was typed', async () => {
    const t = wordsFor('en');
    const person = await createNewcomer(stage.admin, 'Jo');
    await stage.admin.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${person.handle}`);
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'errors', async () => {
        await signIn(page, t, person);

        // A slow community feed: its place is held by skeletons that say "Loading…".
        await page.route('**/api/v1/groups/*/threads*', async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await route.continue();
        });
        await page.goto(`/g/${stage.open.slug}`);
        await seen(page.getByRole('status', { name: t('common.loading') }));
        await seen(page.getByRole('link', { name: 'Which dashboards do you use every day?' }));

        // Checked before sending: a question needs a title; the text stays.
        await page.getByRole('button', { name: t('composer.promptIn', { name: stage.open.name }) }).click();
        const body = page.getByRole('textbox', { name: t('composer.body'), exact: true });
        await body.fill('What is the **VPN** address again?');
        await page.getByRole('button', { name: t('composer.post.question') }).click();
        await seen(page.getByText(t('composer.titleRequired')));
        expect(await page.getByLabel(t('composer.title'), { exact: true }).getAttribute('aria-invalid')).toBe(
          'true',
        );

        // The server refuses a field: its problem+json shows under that field.
        await page.route('**/api/v1/threads', (route) =>
          route.fulfill({
            status: 400,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              status: 400,
              title: 'Bad Request',
              detail: 'Invalid body: title: must be at most 200 characters',
              errors: [{ field: 'title', message: 'must be at most 200 characters' }],
            }),
          }),
        );
        await page.getByLabel(t('composer.title'), { exact: true }).fill('VPN address');
        await page.getByRole('button', { name: t('composer.post.question') }).click();
        await seen(page.getByText('must be at most 200 characters'));
        await seen(page.getByRole('alert').filter({ hasText: t('errors.invalid') }));

        // The network fails: said in words by the button, and nothing typed is lost.
        await page.unroute('**/api/v1/threads');
        await page.route('**/api/v1/threads', (route) => route.abort('connectionrefused'));
        await page.getByRole('button', { name: t('composer.post.question') }).click();
        await seen(page.getByRole('alert').filter({ hasText: t('errors.network') }));
        expect(await body.inputValue()).toBe('What is the **VPN** address again?');
        expect(await page.getByLabel(t('composer.title'), { exact: true }).inputValue()).toBe('VPN address');

        // Back online, the same post goes through.
        await page.unroute('**/api/v1/threads');
        await page.getByRole('button', { name: t('composer.post.question') }).click();
        await seen(page.getByText(t('composer.posted')));

        // A slow thread: the thread and its first replies come in one answer, so the page waits in skeletons and
        // never says "No replies yet" of a thread whose replies are still on their way.
        await page.route(/\/api\/v1\/threads\/[^/?]+(\?[^/]*)?$/, async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await route.continue();
        });
        await page.goto(stage.open.threadPath);
        await seen(page.locator('.skeleton'));
        expect(await page.getByText(t('thread.replyCount_zero')).count()).toBe(0);
        await seen(page.getByRole('heading', { name: 'Which dashboards do you use every day?' }));
        const heading = page.locator('#replies-heading');
        await seen(page.getByText('The cluster overview, mostly.'));
        expect(await heading.textContent()).toBe(t('thread.replyCount_one', { count: 1 }));
      });
    } finally {
      await context.close();
    }
  });
});
