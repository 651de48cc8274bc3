import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer } from './api.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photographOnFailure,
  seen,
  waitForPath,
  watchProblems,
} from './browser.js';
import { HELPER, type Stage, setStage } from './fixtures.js';
import { askQuestion, openCommunity, signIn, wordsFor } from './steps.js';

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

/** Marks the loaded page; if the app reloaded, the mark is gone. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { plein_e2e_mark: true }));
const stillSamePage = (page: Page) => page.evaluate(() => 'plein_e2e_mark' in window);

describe('journey 2: live conversation between two people', () => {
  it('shows a new question live to a second person, whose @mention reply reaches the asker live', async () => {
    const en = wordsFor('en');
    const nl = wordsFor('nl');
    const asker = await createNewcomer(stage.admin, 'Sam');
    const askerContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const askerProblems = watchProblems(askerContext);
    // The second person is Pieter from the demo company, on his phone in a Dutch browser (demo people follow it).
    const helperContext = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const helperProblems = watchProblems(helperContext);
    const a = await askerContext.newPage();
    const b = await helperContext.newPage();
    try {
      await photographOnFailure([a, b], 'journey-2', async () => {
        await b.goto('/login');
        await b
          .getByRole('button', { name: new RegExp(nl('login.signInAs', { name: HELPER.name })) })
          .click();
        await waitForPath(b, '/');
        await seen(b.getByRole('heading', { name: nl('home.greeting', { name: HELPER.firstName }) }));
        await markPage(b);

        await signIn(a, en, asker);
        await openCommunity(a, en, stage.open.name, stage.open.name);
        await a.getByRole('button', { name: en('community.join'), exact: true }).click();
        await seen(a.getByRole('button', { name: en('community.leave') }));
        const title = `Who can give me a Helm introduction? ${Date.now()}`;
        await askQuestion(a, en, stage.open.name, title, 'Half an hour would be great.');
        await a.getByRole('link', { name: title }).click();
        await seen(a.getByRole('heading', { level: 1, name: title }));
        await markPage(a);

        // Pieter's feed does not jump: a bar says there is something new.
        await (
          await seen(b.getByRole('button', { name: nl('feed.newPosts_one', { count: 1 }) }), 20_000)
        ).click();
        await (await seen(b.getByRole('link', { name: title }))).click();
        await seen(b.getByRole('heading', { level: 1, name: title }));
        expect(await stillSamePage(b)).toBe(true);

        // He mentions the asker by picking them from the suggestions.
        const box = b.getByRole('textbox', { name: nl('reply.answer'), exact: true });
        await box.click();
        await box.pressSequentially(`Welkom! @${asker.handle.slice(0, 8)}`, { delay: 20 });
        await (await seen(b.getByRole('option', { name: new RegExp(asker.name) }))).click();
        expect(await box.inputValue()).toContain(`@${asker.handle} `);
        await box.pressSequentially('ik help je graag.');
        await b.getByRole('button', { name: nl('reply.send'), exact: true }).click();
        await seen(b.locator('.reply').filter({ hasText: 'ik help je graag' }));

        // The asker hears of it without reloading, and the new reply shows on the open thread too.
        await seen(a.getByTestId('unread-count'), 20_000);
        await seen(a.locator('.reply').filter({ hasText: 'ik help je graag' }), 30_000);
        expect(await stillSamePage(a)).toBe(true);
        await a.getByRole('link', { name: /Notifications, \d+ unread/ }).click();
        await waitForPath(a, '/notifications');
        // One notification per reply: "replied to your post" (it also mentions them, which the reply covers).
        const kinds = [en('notifications.kind.reply_to_thread'), en('notifications.kind.mention')].join('|');
        const notice = await seen(a.getByRole('button', { name: new RegExp(`${HELPER.name} (${kinds})`) }));
        await notice.click();
        await waitForPath(a, /^\/t\/\d+-who-can-give-me/);
        expect(new URL(a.url()).hash).toMatch(/^#reply-\d+$/);
        await seen(a.getByRole('heading', { level: 1, name: title }));
        await seen(
          a
            .locator('.reply')
            .filter({ hasText: 'ik help je graag' })
            .getByRole('link', { name: `@${asker.handle}` }),
        );
      });
      expect(askerProblems, 'failing requests and console errors').toEqual([]);
      expect(helperProblems, 'failing requests and console errors').toEqual([]);
    } finally {
      await askerContext.close();
      await helperContext.close();
    }
  });
});
