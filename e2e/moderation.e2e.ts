import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer, signInWithPassword } from './api.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photographOnFailure,
  seen,
  waitForPath,
} from './browser.js';
import { type Stage, setStage } from './fixtures.js';
import { ADMIN } from './server.js';
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

describe('moderation: report → hide → appeal', () => {
  it('a colleague reports a post in English, an admin hides it in Dutch, its author appeals on a phone', async () => {
    const en = wordsFor('en');
    const nl = wordsFor('nl');
    const author = await createNewcomer(stage.admin, 'Ahmed');
    const reporter = await createNewcomer(stage.admin, 'Roos');
    const authorApi = await signInWithPassword(baseUrl, author);
    const reporterApi = await signInWithPassword(baseUrl, reporter);
    await authorApi.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${author.handle}`);
    await reporterApi.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${reporter.handle}`);
    const title = `Everyone in finance is lazy ${Date.now()}`;
    const thread = await authorApi.send<{ id: string }>('POST', '/api/v1/threads', {
      communitySlug: stage.open.slug,
      kind: 'discussion',
      title,
      body: 'They never answer on time.',
    });
    const note = `A personal attack on a whole team ${Date.now()}`;
    const statement = 'I meant the process, not the people; I will rephrase it.';

    const reporterContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const adminContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'nl' });
    const authorContext = await newContext(browser, baseUrl, { ...PHONE, language: 'en' });
    const roos = await reporterContext.newPage();
    const admin = await adminContext.newPage();
    const ahmed = await authorContext.newPage();
    try {
      await photographOnFailure([roos, admin, ahmed], 'moderation-journey', async () => {
        // The colleague reports the post from its page, with a reason from the list and a note.
        await signIn(roos, en, reporter, `/t/${thread.id}`);
        await seen(roos.getByRole('heading', { level: 1, name: title }));
        await roos.getByRole('button', { name: en('moderation.reportThread'), exact: true }).click();
        const dialog = roos.getByRole('dialog', { name: en('moderation.reportTitle') });
        await dialog.getByLabel(en('moderation.reason')).selectOption('harassment');
        await dialog.getByLabel(en('moderation.note')).fill(note);
        await dialog.getByRole('button', { name: en('moderation.send'), exact: true }).click();
        await seen(dialog.getByText(en('moderation.sent')));

        // The admin finds it in the moderation queue and hides it, saying why.
        await signIn(admin, nl, { ...author, email: ADMIN.email, password: ADMIN.password }, '/moderation');
        const item = admin.locator('.queue-item', { hasText: note });
        await seen(item);
        await item.getByRole('button', { name: nl('moderation.actions.hide'), exact: true }).click();
        await item.getByLabel(nl('moderation.decisionReason')).selectOption('harassment');
        await item.getByLabel(nl('moderation.decisionNote')).fill('Spreek over het werk, niet over mensen.');
        await item
          .getByRole('button', { name: `${nl('moderation.confirm')}: ${nl('moderation.actions.hide')}` })
          .click();
        await item.waitFor({ state: 'detached' });

        // Others no longer see it; the reporter's community page lists it no more.
        const list = await reporterApi.send<{ items: { id: string }[] }>(
          'GET',
          `/api/v1/groups/${stage.open.slug}/threads`,
        );
        expect(list.items.map((entry) => entry.id)).not.toContain(thread.id);

        // The author reads why in their notifications, sees their post marked, and appeals.
        await signIn(ahmed, en, author, '/notifications');
        const notice = ahmed.getByRole('button', { name: new RegExp(en('moderation.done.hide')) });
        await seen(notice);
        await seen(ahmed.getByText('Spreek over het werk, niet over mensen.', { exact: false }));
        await seen(
          ahmed.getByText(en('moderation.reasonIs', { reason: en('moderation.reasons.harassment') }), {
            exact: false,
          }),
        );
        await ahmed.getByRole('button', { name: en('moderation.appeal'), exact: true }).click();
        await ahmed.getByLabel(en('moderation.appealStatement')).fill(statement);
        await ahmed.getByRole('button', { name: en('moderation.appealSend'), exact: true }).click();
        await seen(ahmed.getByText(en('moderation.appealSent')));
        await notice.click();
        await waitForPath(ahmed, new RegExp(`^/t/${thread.id}`));
        await seen(ahmed.getByText(en('moderation.states.hidden')));

        // The appeal is back in the admin's queue, with the author's words.
        await admin.reload();
        const appeal = admin.locator('.queue-item', { hasText: statement });
        await seen(appeal);
        await seen(appeal.getByText(nl('moderation.kinds.appeal'), { exact: true }));
        await seen(appeal.getByRole('button', { name: nl('moderation.actions.restore'), exact: true }));
      });
    } finally {
      await reporterContext.close();
      await adminContext.close();
      await authorContext.close();
    }
  });
});
