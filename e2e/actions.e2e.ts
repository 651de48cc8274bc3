import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer, signInWithPassword } from './api.js';
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

describe('what people do in a thread and with their own settings', () => {
  it('opens a thread with one request for its content: the thread, its replies and their files together', async () => {
    const t = wordsFor('en');
    const person = await createNewcomer(stage.admin, 'Noor');
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'thread-one-request', async () => {
        await signIn(page, t, person);
        const asked: string[] = [];
        page.on('request', (request) => {
          const url = new URL(request.url());
          if (url.pathname.startsWith('/api/v1/threads/')) asked.push(url.pathname + url.search);
        });
        await page.goto(stage.open.threadPath);
        await seen(page.getByRole('heading', { level: 1, name: 'Which dashboards do you use every day?' }));
        await seen(page.getByText('The cluster overview, mostly.'));
        const id = stage.open.threadPath.split('/').pop();
        expect(asked).toEqual([`/api/v1/threads/${id}?replies=100`]);
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reacts, sees who reacted, answers a reply, edits and deletes it, accepts an answer', async () => {
    const t = wordsFor('en');
    const person = await createNewcomer(stage.admin, 'Lee');
    await stage.admin.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${person.handle}`);
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'actions-thread', async () => {
        await signIn(page, t, person, stage.open.threadPath);
        await waitForPath(page, /^\/t\/\d+-which-dashboards/);

        // A reaction counts at once; who reacted is one click away.
        const thread = page.locator('article.thread');
        await thread.getByRole('button', { name: t('reactions.add'), exact: true }).click();
        await thread
          .getByRole('group', { name: t('reactions.pick') })
          .getByRole('button', { name: t('reactions.like') })
          .click();
        await seen(
          thread.getByRole('button', {
            name: t('reactions.toggle', { reaction: t('reactions.like'), count: 2 }),
          }),
        );
        await thread.getByRole('button', { name: t('reactions.who') }).click();
        const dialog = page.getByRole('dialog', { name: t('reactions.whoTitle') });
        await seen(dialog.getByRole('link', { name: person.name }));
        await seen(dialog.getByRole('link', { name: 'Administrator' }));
        await dialog.getByRole('button', { name: t('common.close') }).click();

        // An answer to a reply sits under it; its author can edit and delete it.
        const first = page.locator('.reply').filter({ hasText: 'The cluster overview' });
        await first.getByRole('button', { name: t('reply.reply'), exact: true }).click();
        await page
          .getByRole('textbox', { name: t('reply.toPerson', { name: 'Administrator' }) })
          .fill('Same here!');
        await page
          .locator('.reply-box.nested')
          .getByRole('button', { name: t('reply.send') })
          .click();
        const mine = page.locator('.reply-list.nested .reply').filter({ hasText: person.name });
        await seen(mine.getByText('Same here!'));
        await mine.getByRole('button', { name: t('common.edit') }).click();
        await mine.getByRole('textbox', { name: t('reply.edit') }).fill('Same here, and the error budget.');
        await mine.getByRole('button', { name: t('common.save') }).click();
        await seen(page.getByText('Same here, and the error budget.'));
        await seen(page.locator('.reply').filter({ hasText: 'error budget' }).getByText(t('thread.edited')));
        await page
          .locator('.reply')
          .filter({ hasText: 'error budget' })
          .getByRole('button', { name: t('common.delete') })
          .click();
        await page
          .getByRole('dialog', { name: t('reply.deleteTitle') })
          .getByRole('button', { name: t('common.delete') })
          .click();
        await seen(page.getByText(t('reply.removed')));

        // Asking, then accepting the answer that helped.
        await page.goto(`/g/${stage.open.slug}`);
        await page.getByRole('button', { name: t('composer.promptIn', { name: stage.open.name }) }).click();
        const title = `How do I reset my token? ${Date.now()}`;
        await page.getByLabel(t('composer.title'), { exact: true }).fill(title);
        await page.getByRole('textbox', { name: t('composer.body'), exact: true }).fill('It expired.');
        await page.getByRole('button', { name: t('composer.post.question') }).click();
        await page.getByRole('link', { name: t('composer.openPost') }).click();
        const threadId = /^\/t\/(\d+)/.exec(new URL(page.url()).pathname)![1]!;
        await stage.admin.send('POST', `/api/v1/threads/${threadId}/replies`, {
          body: 'Settings → Tokens → Renew.',
        });
        const answer = page.locator('.reply').filter({ hasText: 'Renew' });
        await (await seen(answer, 30_000)).getByRole('button', { name: t('reply.accept') }).click();
        await seen(answer.getByText(t('reply.accepted')));
        await seen(page.locator('article.thread').getByText(t('qa.state.accepted')));
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches language and theme, and fills in the profile colleagues find them by', async () => {
    const en = wordsFor('en');
    const nl = wordsFor('nl');
    const person = await createNewcomer(stage.admin, 'Max');
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'actions-settings', async () => {
        await signIn(page, en, person, '/settings');
        await page.getByRole('radio', { name: 'Nederlands' }).check();
        await seen(page.getByRole('heading', { level: 1, name: nl('settings.title') }));
        expect(await page.locator('html').getAttribute('lang')).toBe('nl');
        await page.getByRole('radio', { name: nl('settings.themes.dark') }).check();
        expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');

        await page.getByLabel(nl('settings.skills')).fill('Terraform, Excel');
        await page.getByRole('button', { name: nl('settings.saveProfile') }).click();
        await seen(page.getByText(nl('common.saved')));

        // Both choices last: the language on the person, the theme on this device.
        await page.reload();
        await seen(page.getByRole('heading', { level: 1, name: nl('settings.title') }));
        expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
        await page.goto(`/people?skill=Terraform`);
        await (await seen(page.getByRole('link', { name: person.name }))).click();
        await seen(page.getByRole('link', { name: 'Excel' }));
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('starts a closed community, approves a request to join, and changes its settings', async () => {
    const t = wordsFor('en');
    const owner = await createNewcomer(stage.admin, 'Ida');
    const asker = await createNewcomer(stage.admin, 'Bo');
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'actions-community', async () => {
        await signIn(page, t, owner, '/groups/new');
        const name = `Contract law ${Date.now().toString(36)}`;
        await page.getByLabel(t('newCommunity.name')).fill(name);
        await page
          .getByLabel(t('newCommunity.description'))
          .fill('Questions about contracts, for the legal team.');
        await page.getByLabel(t('newCommunity.visibility')).selectOption('closed');
        await page.getByRole('button', { name: t('newCommunity.create') }).click();
        await seen(page.getByRole('heading', { level: 1, name }));
        const slug = /^\/g\/(.+)$/.exec(new URL(page.url()).pathname)![1]!;

        // Someone asks to join; the owner sees it on the management page and says yes.
        const bo = await signInWithPassword(baseUrl, asker);
        await bo.send('PUT', `/api/v1/groups/${slug}/members/${asker.handle}`);
        await page.getByRole('link', { name: t('community.manage') }).click();
        await waitForPath(page, `/g/${slug}/manage`);
        const request = page.locator('li').filter({ hasText: asker.name });
        await (await seen(request.getByRole('button', { name: t('manage.approve') }))).click();
        await seen(page.getByRole('combobox', { name: t('manage.roleOf', { name: asker.name }) }));

        // An owner makes it a specialist community; its viability threshold follows the kind (admins set others).
        await page.getByLabel(t('newCommunity.kind')).selectOption('specialist');
        await page.getByRole('button', { name: t('common.save'), exact: true }).click();
        await seen(page.getByText(t('common.saved')));
        await page.getByRole('link', { name }).click();
        await seen(page.getByText(t('community.viability', { threshold: 25 })));
        await seen(page.getByRole('link', { name: t('community.memberCount_other', { formatted: 2 }) }));
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
