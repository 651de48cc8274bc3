import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { type ApiSession, createNewcomer, signInAsAdmin, signInAsDemo } from './api.js';
import { LAPTOP, launchBrowser, newContext, seen, waitForPath } from './browser.js';
import { signIn, wordsFor } from './steps.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let admin: ApiSession;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInAsAdmin(baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe('journey 3: a secret community stays secret', () => {
  it('shows "not found" to a non-member for its page and its threads, even by URL', async () => {
    const t = wordsFor('en');
    const eva = await signInAsDemo(baseUrl, 'eva.devries');
    const board = await eva.get<{ items: { id: string; title: string }[] }>('/api/v1/groups/board/threads');
    const secretThread = board.items[0]!;
    const outsider = await createNewcomer(admin, 'Alex');
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const page = await context.newPage();
    try {
      // A deep link survives signing in, and then shows nothing of the community.
      await signIn(page, t, outsider, '/g/board');
      await seen(page.getByRole('heading', { level: 1, name: t('notFound.title') }));
      await page.getByText('Board', { exact: true }).waitFor({ state: 'detached' });

      await page.goto(`/t/${secretThread.id}`);
      await seen(page.getByRole('heading', { level: 1, name: t('notFound.title') }));
      await page.getByText(secretThread.title).waitFor({ state: 'detached' });

      await page.goto('/groups?q=board');
      await seen(page.getByRole('heading', { name: t('communities.noneFound', { q: 'board' }) }));
      await waitForPath(page, '/groups');
    } finally {
      await context.close();
    }
  });
});
