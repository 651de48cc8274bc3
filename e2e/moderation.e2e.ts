import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer, signInWithPassword } from './api.js';
import { violations } from './axe.js';
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

describe('moderation tools in the browser', () => {
  it('an admin edits the filters and the rules in Dutch, pins, moves and warns on a phone, a colleague reports a profile', async () => {
    const en = wordsFor('en');
    const nl = wordsFor('nl');
    const suffix = Date.now().toString(36);
    const word = `zqflauw${suffix}`;
    const author = await createNewcomer(stage.admin, 'Bram');
    const reporter = await createNewcomer(stage.admin, 'Sanne');
    const authorApi = await signInWithPassword(baseUrl, author);
    const reporterApi = await signInWithPassword(baseUrl, reporter);
    await authorApi.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${author.handle}`);
    const target = await stage.admin.send<{ slug: string; name: string }>('POST', '/api/v1/groups', {
      name: `Platform Archive ${suffix}`,
      description: 'Where finished platform topics go.',
      visibility: 'open',
      kind: 'specialist',
    });
    const title = `Release train questions ${suffix}`;
    const thread = await authorApi.send<{ id: string }>('POST', '/api/v1/threads', {
      communitySlug: stage.open.slug,
      kind: 'discussion',
      title,
      body: 'When does the next train leave?',
    });
    const adminPerson = { ...author, email: ADMIN.email, password: ADMIN.password };

    const adminLaptop = await newContext(browser, baseUrl, { ...LAPTOP, language: 'nl' });
    const adminPhone = await newContext(browser, baseUrl, { ...PHONE, language: 'en' });
    const reporterPhone = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const desk = await adminLaptop.newPage();
    const phone = await adminPhone.newPage();
    const sanne = await reporterPhone.newPage();
    try {
      await photographOnFailure([desk, phone, sanne], 'moderation-tools', async () => {
        // Filters: a word that blocks, saved and then enforced.
        await signIn(desk, nl, adminPerson, '/admin/moderation');
        await seen(desk.getByRole('heading', { level: 1, name: nl('moderation.filters.title') }));
        const words = nl('moderation.filters.words.label');
        await desk.getByLabel(words, { exact: true }).fill(word);
        await desk.getByLabel(nl('moderation.filters.newAction', { list: words })).selectOption('block');
        await desk.getByRole('button', { name: nl('moderation.filters.add', { list: words }) }).click();
        await seen(desk.getByText(word, { exact: true }));
        await desk.getByRole('button', { name: nl('moderation.filters.save'), exact: true }).click();
        await seen(desk.getByText(nl('moderation.filters.saved')));
        expect(await violations(desk)).toEqual([]);
        await expect(
          authorApi.send('POST', '/api/v1/threads', {
            communitySlug: stage.open.slug,
            kind: 'discussion',
            title: `Dit is ${word}`,
            body: 'x',
          }),
        ).rejects.toThrow(/: 400 /);

        // Community rules, written by the owner and shown on the community page.
        await desk.goto(`${baseUrl}/g/${stage.open.slug}/manage`);
        const rules = `Wees aardig ${suffix}`;
        await (await seen(desk.getByLabel(nl('moderation.rulesEditor.label')))).fill(`**${rules}**`);
        await desk.getByRole('button', { name: nl('moderation.rulesEditor.save'), exact: true }).click();
        await seen(desk.getByText(nl('moderation.rulesEditor.saved')));
        const saved = await reporterApi.send<{ html: string }>(
          'GET',
          `/api/v1/groups/${stage.open.slug}/rules`,
        );
        expect(saved.html).toContain(`<strong>${rules}</strong>`);

        // On a phone: pin in the community and on home, then move the thread and warn its author.
        await signIn(phone, en, adminPerson, `/t/${thread.id}`);
        await seen(phone.getByRole('heading', { level: 1, name: title }));
        await (await seen(phone.getByRole('button', { name: en('moderation.tools.pinCommunity') }))).click();
        await seen(phone.getByRole('button', { name: en('moderation.tools.unpinCommunity') }));
        await phone.getByRole('button', { name: en('moderation.tools.pinHome') }).click();
        await seen(phone.getByRole('button', { name: en('moderation.tools.unpinHome') }));
        const home = await reporterApi.send<{ items: { id: string }[] }>('GET', '/api/v1/feed/pinned');
        expect(home.items.map((item) => item.id)).toContain(thread.id);

        await phone.getByRole('button', { name: en('moderation.tools.move') }).click();
        const move = phone.getByRole('dialog', { name: en('moderation.tools.moveTitle') });
        await move.getByLabel(en('moderation.tools.moveTo')).fill(target.slug);
        await move.getByLabel(en('moderation.decisionNote')).fill('Finished topic: archived.');
        await move.getByRole('button', { name: en('moderation.actions.move'), exact: true }).click();
        await seen(phone.getByRole('link', { name: target.name }).first());

        await phone.getByRole('button', { name: en('moderation.people.warn.author') }).click();
        const warn = phone.getByRole('dialog', {
          name: en('moderation.people.warnTitle', { name: author.name }),
        });
        await warn.getByLabel(en('moderation.decisionReason')).selectOption('off_topic');
        await warn
          .getByLabel(en('moderation.decisionNote'))
          .fill('Keep release talk in the release channel.');
        await warn.getByRole('button', { name: en('moderation.actions.warn'), exact: true }).click();
        await warn.waitFor({ state: 'hidden' });
        const told = await authorApi.send<{
          items: { moderation: { action: string; reason: string } | null }[];
        }>('GET', '/api/v1/notifications');
        expect(told.items.map((item) => item.moderation?.action)).toEqual(
          expect.arrayContaining(['move', 'warn']),
        );

        // A colleague reports the author's profile, in Dutch on a phone.
        await signIn(sanne, nl, reporter, `/u/${author.handle}`);
        await (
          await seen(sanne.getByRole('button', { name: nl('moderation.reportPerson'), exact: true }))
        ).click();
        const report = sanne.getByRole('dialog', { name: nl('moderation.reportTitle') });
        const note = `Stuurt iedereen ongevraagd berichten ${suffix}`;
        await report.getByLabel(nl('moderation.reason')).selectOption('spam');
        await report.getByLabel(nl('moderation.note')).fill(note);
        await report.getByRole('button', { name: nl('moderation.send'), exact: true }).click();
        await seen(report.getByText(nl('moderation.sent')));
        const queue = await stage.admin.send<{ items: { targetType: string; note: string }[] }>(
          'GET',
          '/api/v1/moderation/queue',
        );
        expect(queue.items).toEqual(
          expect.arrayContaining([expect.objectContaining({ targetType: 'person', note })]),
        );
      });
    } finally {
      await adminLaptop.close();
      await adminPhone.close();
      await reporterPhone.close();
    }
  });
});

describe('moderation: edit history', () => {
  it('an author edits a post, a moderator opens its history with what changed, in Dutch on a phone', async () => {
    const en = wordsFor('en');
    const nl = wordsFor('nl');
    const author = await createNewcomer(stage.admin, 'Lotte');
    const authorApi = await signInWithPassword(baseUrl, author);
    await authorApi.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${author.handle}`);
    const title = `Team outing ${Date.now()}`;
    const thread = await authorApi.send<{ id: string }>('POST', '/api/v1/threads', {
      communitySlug: stage.open.slug,
      kind: 'discussion',
      title,
      body: 'We meet on Monday at ten in the hall.',
    });
    const authorContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const adminContext = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const lotte = await authorContext.newPage();
    const admin = await adminContext.newPage();
    try {
      await photographOnFailure([lotte, admin], 'edit-history', async () => {
        // The author edits the post on its page.
        await signIn(lotte, en, author, `/t/${thread.id}`);
        await seen(lotte.getByRole('heading', { level: 1, name: title }));
        await lotte
          .getByRole('button', { name: en('common.edit'), exact: true })
          .first()
          .click();
        await lotte
          .getByRole('textbox', { name: en('composer.body'), exact: true })
          .fill('We meet on Tuesday at ten in the hall.');
        await lotte.getByRole('button', { name: en('common.save'), exact: true }).click();
        await seen(lotte.getByText('We meet on Tuesday at ten in the hall.'));
        await seen(lotte.getByRole('button', { name: en('editHistory.open'), exact: true }));

        // A moderator (the admin, who can read the open community) opens the history: the word that went and
        // the word that came, at 375 px.
        await signIn(
          admin,
          nl,
          { ...author, email: ADMIN.email, password: ADMIN.password },
          `/t/${thread.id}`,
        );
        await admin.getByRole('button', { name: nl('editHistory.open'), exact: true }).click();
        const dialog = admin.getByRole('dialog', { name: nl('editHistory.heading') });
        await seen(dialog.locator('del', { hasText: 'Monday' }));
        await seen(dialog.locator('ins', { hasText: 'Tuesday' }));
        await seen(dialog.getByText(author.name, { exact: false }));
        const box = await dialog.boundingBox();
        expect(box!.width).toBeLessThanOrEqual(PHONE.width);
        expect(await violations(admin)).toEqual([]);
      });
    } finally {
      await authorContext.close();
      await adminContext.close();
    }
  });
});
