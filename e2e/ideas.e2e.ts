import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer, type NewPerson, signInWithPassword } from './api.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photograph,
  photographOnFailure,
  seen,
  settled,
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

async function createLeader(firstName: string): Promise<NewPerson> {
  const person = await createNewcomer(stage.admin, firstName);
  await stage.admin.send('PATCH', `/api/v1/people/${person.handle}`, { leader: true });
  return person;
}

/** Opens the status dialog on the idea's page, picks the next status and explains why. */
async function moveIdea(page: Page, t: Words, status: string, note: string) {
  await page.getByRole('button', { name: t('ideas.changeStatus'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('ideas.changeStatus') });
  await dialog.getByLabel(t('ideas.newStatus')).selectOption(status);
  await dialog.getByLabel(t('ideas.note'), { exact: true }).fill(note);
  await dialog.getByRole('button', { name: t('ideas.saveStatus'), exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await seen(page.locator('.status-note', { hasText: note }));
}

describe('ideas: votes, a status workflow with notes, and the author hears of every step', () => {
  it('a leader moves an idea to done on a laptop in English; its author follows on a phone in Dutch', async () => {
    const en = wordsFor('en');
    const nl = wordsFor('nl');
    const author = await createNewcomer(stage.admin, 'Ida');
    const voter = await createNewcomer(stage.admin, 'Vera');
    const leader = await createLeader('Leo');
    const authorApi = await signInWithPassword(baseUrl, author);
    await authorApi.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${author.handle}`);
    const title = `A quiet room on every floor ${Date.now()}`;
    const idea = await authorApi.send<{ id: string }>('POST', '/api/v1/threads', {
      communitySlug: stage.open.slug,
      kind: 'idea',
      title,
      body: 'Calls in the open office disturb everyone.',
    });
    const voterApi = await signInWithPassword(baseUrl, voter);
    await voterApi.send('PUT', `/api/v1/threads/${idea.id}/vote`);

    const leaderContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const leaderProblems = watchProblems(leaderContext);
    const authorContext = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const authorProblems = watchProblems(authorContext);
    const leo = await leaderContext.newPage();
    const ida = await authorContext.newPage();
    try {
      await photographOnFailure([leo, ida], 'ideas-journey', async () => {
        // The leader finds the idea on the community's idea board and votes for it.
        await signIn(leo, en, leader);
        await leo.goto(`/g/${stage.open.slug}?view=ideas`);
        await (await seen(leo.getByRole('link', { name: title }))).click();
        await waitForPath(leo, new RegExp(`^/t/${idea.id}-`));
        await leo.getByRole('button', { name: new RegExp(en('ideas.vote')) }).click();
        await seen(leo.getByRole('button', { name: new RegExp(en('ideas.voteCount_other', { count: 2 })) }));

        // Every step needs a note; the dialog says so before anything is sent.
        await leo.getByRole('button', { name: en('ideas.changeStatus'), exact: true }).click();
        const dialog = leo.getByRole('dialog', { name: en('ideas.changeStatus') });
        await dialog.getByRole('button', { name: en('ideas.saveStatus'), exact: true }).click();
        await seen(dialog.getByText(en('ideas.noteRequired')));
        await dialog.getByRole('button', { name: en('common.cancel'), exact: true }).click();

        await moveIdea(leo, en, 'under_review', 'Facilities will look at the floor plans.');
        await moveIdea(leo, en, 'planned', 'Budgeted for the second quarter.');
        await moveIdea(leo, en, 'done', 'The first rooms opened on floors 2 and 3.');
        await seen(leo.getByRole('heading', { name: en('ideas.history') }));
        await settled(leo);
        await photograph(leo, 'idea-page-1440-en');
        // Done is final: there is nothing left to change.
        expect(await leo.getByRole('button', { name: en('ideas.changeStatus'), exact: true }).count()).toBe(
          0,
        );

        // The author gets one notification per step and reads the notes on the idea.
        await signIn(ida, nl, author);
        await ida.goto('/notifications');
        const notices = ida.getByRole('button', { name: new RegExp(nl('notifications.kind.idea_status')) });
        await seen(notices.first());
        expect(await notices.count()).toBe(3);
        expect(await notices.first().textContent()).toContain(title);
        await notices.first().click();
        await waitForPath(ida, new RegExp(`^/t/${idea.id}-`));
        await seen(ida.getByText('The first rooms opened on floors 2 and 3.'));
        await seen(ida.getByText('Budgeted for the second quarter.'));
        await seen(ida.getByText(nl('status.done')).first());
        await settled(ida);
        await photograph(ida, 'idea-page-375-nl');
      });
      expect(leaderProblems, 'failing requests and console errors').toEqual([]);
      expect(authorProblems, 'failing requests and console errors').toEqual([]);
    } finally {
      await leaderContext.close();
      await authorContext.close();
    }
  });
});

describe('praise: recognise a colleague from the composer; it shows on their profile', () => {
  it('works on a laptop in English', async () => {
    const en = wordsFor('en');
    const writer = await createNewcomer(stage.admin, 'Pia');
    const hero = await createNewcomer(stage.admin, 'Hugo');
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'praise-journey', async () => {
        await signIn(page, en, writer);
        await page.getByRole('button', { name: en('composer.prompt') }).click();
        await page.getByRole('radio', { name: en('kinds.praise') }).check();
        // Posting without anyone to praise is stopped before it is sent.
        await page
          .getByRole('textbox', { name: en('composer.body'), exact: true })
          .fill('Great release work!');
        await page.getByRole('button', { name: en('composer.post.praise') }).click();
        await seen(page.getByText(en('praise.recipientsRequired')));

        await page.getByRole('combobox', { name: en('praise.recipients') }).fill(hero.name.split(' ')[1]!);
        await (
          await seen(page.getByRole('option', { name: new RegExp(hero.handle.replace('.', '\\.')) }))
        ).click();
        await seen(page.getByRole('button', { name: en('praise.remove', { name: hero.name }) }));
        await page.getByRole('button', { name: en('composer.post.praise') }).click();
        await seen(page.getByText(en('composer.posted')));
        // Praise has no title: its page is headed by whom it praises, never an empty heading.
        await (await seen(page.getByRole('link', { name: 'Great release work!' }))).click();
        await seen(
          page.getByRole('heading', { level: 1, name: en('thread.praiseTitle', { names: hero.name }) }),
        );

        await page.goto(`/u/${hero.handle}`);
        const section = page.locator('section.praise-received');
        await seen(section.getByRole('heading', { name: en('praise.received') }));
        await seen(section.getByText('Great release work!'));
        await seen(section.getByRole('link', { name: hero.name }));
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
