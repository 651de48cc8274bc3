import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer } from './api.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  photographOnFailure,
  seen,
  waitForPath,
  watchProblems,
} from './browser.js';
import { type Stage, setStage } from './fixtures.js';
import { wordsFor } from './steps.js';

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

/** What has the keyboard focus: its accessible name as a person would hear it, and whether it shows a ring. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { name: '', ring: false };
    const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
    const style = getComputedStyle(element);
    return {
      name: (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').trim(),
      ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
    };
  });

/** Presses Tab until the focus is on something with this name, as a keyboard user would; fails after 40 stops. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let stop = 0; stop < 40; stop++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.name.startsWith(name)) {
      expect(now.ring, `the focus on "${name}" is visible`).toBe(true);
      return;
    }
  }
  throw new Error(`"${name}" cannot be reached with Tab`);
}

describe('keyboard only', () => {
  it('signs in, joins a community, asks a question and signs out without a mouse, the focus always visible', async () => {
    const t = wordsFor('en');
    const person = await createNewcomer(stage.admin, 'Kim');
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'keyboard', async () => {
        await page.goto('/login');
        await tabTo(page, t('login.email'));
        await page.keyboard.type(person.email);
        await tabTo(page, t('login.password'));
        await page.keyboard.type(person.password);
        await page.keyboard.press('Enter');
        await waitForPath(page, '/');

        await page.goto(`/g/${stage.open.slug}`);
        await seen(page.getByRole('heading', { level: 1, name: stage.open.name }));
        await tabTo(page, t('community.join'));
        await page.keyboard.press('Enter');
        await seen(page.getByRole('button', { name: t('community.leave') }));

        await tabTo(page, t('composer.promptIn', { name: stage.open.name }));
        await page.keyboard.press('Enter');
        // The composer opens with the focus in its title; the kind is a question already.
        expect((await focused(page)).name).toBe(t('composer.title'));
        const title = `Where do I find the on-call rota? ${Date.now()}`;
        await page.keyboard.type(title);
        await tabTo(page, t('composer.body'));
        await page.keyboard.type('Asking for my first week.');
        await tabTo(page, t('composer.post.question'));
        await page.keyboard.press('Enter');
        await seen(page.getByText(t('composer.posted')));
        await seen(page.getByRole('link', { name: title }));

        await tabTo(page, t('nav.accountMenu', { name: person.name }));
        await page.keyboard.press('Enter');
        await tabTo(page, t('nav.signOut'));
        await page.keyboard.press('Enter');
        await waitForPath(page, '/login');
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
