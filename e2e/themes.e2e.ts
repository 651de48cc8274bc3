import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer, type NewPerson } from './api.js';
import { violations } from './axe.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photograph,
  photographOnFailure,
  seen,
  settled,
  visible,
  waitForPath,
  watchProblems,
} from './browser.js';
import { type Stage, setStage } from './fixtures.js';
import { signIn, type Words, wordsFor } from './steps.js';

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

/** A leader: a newcomer whom the admin gives the leader flag, as provisioning would. */
async function createLeader(firstName: string): Promise<NewPerson> {
  const person = await createNewcomer(stage.admin, firstName);
  await stage.admin.send('PATCH', `/api/v1/people/${person.handle}`, { leader: true });
  return person;
}

async function openThemeFromNav(page: Page, t: Words) {
  await visible(page.getByRole('link', { name: t('themes.nav'), exact: true })).click();
  await waitForPath(page, '/themes');
  await seen(page.getByRole('heading', { level: 1, name: t('themes.title') }));
}

describe('condition 1: a leader opens a theme, an employee takes part, the leader closes the loop', () => {
  it('works on a laptop in English (leader) and a 375 px phone in Dutch (employee)', async () => {
    const en = wordsFor('en');
    const nl = wordsFor('nl');
    const leader = await createLeader('Lea');
    const employee = await createNewcomer(stage.admin, 'Emre');
    const leaderContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const leaderProblems = watchProblems(leaderContext);
    const employeeContext = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const employeeProblems = watchProblems(employeeContext);
    const lea = await leaderContext.newPage();
    const emre = await employeeContext.newPage();
    const title = `Where do we grow next? ${Date.now()}`;
    try {
      await photographOnFailure([lea, emre], 'themes-journey', async () => {
        // The leader opens a theme.
        await signIn(lea, en, leader);
        await openThemeFromNav(lea, en);
        await lea.getByRole('button', { name: en('themes.newTheme') }).click();
        await lea.getByLabel(en('themes.form.title'), { exact: true }).fill(title);
        await lea
          .getByLabel(en('themes.form.question'), { exact: true })
          .fill('Which market should we enter?');
        await lea.getByLabel(en('themes.form.why'), { exact: true }).fill('Our home market is saturated.');
        await lea.getByRole('button', { name: en('themes.form.create') }).click();
        await waitForPath(lea, /^\/themes\/\d+$/);
        await seen(lea.getByRole('heading', { level: 1, name: title }));
        const themeUrl = new URL(lea.url()).pathname;

        // The employee finds it pinned on the home feed and starts a question in it.
        await signIn(emre, nl, employee);
        await seen(emre.getByRole('heading', { name: nl('themes.pinnedTitle') }));
        await photograph(emre, 'themes-pinned-home-375-nl');
        await (await seen(emre.getByRole('link', { name: title }))).click();
        await waitForPath(emre, themeUrl);
        await emre
          .getByRole('button', { name: nl('themes.conversation.start') })
          .first()
          .click();
        await emre.getByLabel(nl('themes.conversation.kind')).selectOption('question');
        const question = `Have we looked at Belgium? ${Date.now()}`;
        await emre.getByLabel(nl('themes.conversation.topic'), { exact: true }).fill(question);
        await emre
          .getByRole('textbox', { name: nl('themes.conversation.body'), exact: true })
          .fill('Belgium is close and speaks our language.');
        await emre.getByRole('button', { name: nl('themes.conversation.submit') }).click();
        await seen(emre.getByRole('link', { name: question }));

        // The leader sees the participant, and posts what was done with it.
        await lea.reload();
        await seen(lea.getByRole('link', { name: question }));
        await seen(lea.getByRole('link', { name: employee.name }));
        await lea.getByRole('button', { name: en('themes.outcomes.post') }).click();
        await lea
          .getByRole('textbox', { name: en('themes.outcomes.body'), exact: true })
          .fill('We open an office in **Antwerp** next quarter.');
        await lea.getByRole('button', { name: en('themes.outcomes.submit') }).click();
        await seen(lea.getByText('We open an office in'));
        await seen(lea.getByText(en('themes.loopClosed')));
        await settled(lea);
        await photograph(lea, 'theme-page-1440-en');
        expect(await violations(lea)).toEqual([]);

        // The employee is notified and goes from the notification to the theme.
        await emre.goto('/notifications');
        const notification = await seen(
          emre.getByRole('button', { name: new RegExp(nl('notifications.kind.theme_outcome')) }),
        );
        expect(await notification.textContent()).toContain(title);
        await notification.click();
        await waitForPath(emre, themeUrl);
        await seen(emre.getByText('We open an office in'));
        await settled(emre);
        await photograph(emre, 'theme-page-375-nl');
        expect(await violations(emre)).toEqual([]);

        // Who started a conversation is scorecard language: the leader sees it on the question, the employee not.
        await lea.getByRole('link', { name: question }).click();
        await seen(lea.getByText(en('origin.short.bottom_up')));
        await emre.getByRole('link', { name: question }).click();
        await seen(emre.getByRole('heading', { level: 1, name: question }));
        expect(await emre.locator('.origin-marker').count()).toBe(0);

        // The list shows it among the open themes, with its loop closed.
        await openThemeFromNav(lea, en);
        await seen(lea.getByRole('link', { name: title }));
        await settled(lea);
        await photograph(lea, 'themes-list-1440-en');
        expect(await violations(lea)).toEqual([]);
      });
      expect(leaderProblems, 'failing requests and console errors').toEqual([]);
      expect(employeeProblems, 'failing requests and console errors').toEqual([]);
    } finally {
      await leaderContext.close();
      await employeeContext.close();
    }
  });
});
