import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer, type NewPerson, signInWithPassword } from './api.js';
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
  waitForPath,
} from './browser.js';
import { type Stage, setStage } from './fixtures.js';
import { signIn, wordsFor } from './steps.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let stage: Stage;
const en = wordsFor('en');
const nl = wordsFor('nl');

beforeAll(async () => {
  browser = await launchBrowser();
  stage = await setStage(baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

/** A member of the stage's open community. */
async function member(firstName: string, leader = false): Promise<NewPerson> {
  const person = await createNewcomer(stage.admin, firstName);
  if (leader) await stage.admin.send('PATCH', `/api/v1/people/${person.handle}`, { leader: true });
  await stage.admin.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${person.handle}`);
  return person;
}

/** A datetime-local value `minutes` from now, in the browser's own time zone. */
const localTime = (page: Page, minutes: number) =>
  page.evaluate((offset) => {
    const at = new Date(Date.now() + offset * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  }, minutes);

/** Opens the composer on the community page and picks a kind. */
async function compose(page: Page, t: typeof en, kind: string, title: string, body: string) {
  await page.goto(`/g/${stage.open.slug}`);
  await page.getByRole('button', { name: t('composer.promptIn', { name: stage.open.name }) }).click();
  await page.getByRole('radio', { name: t(`kinds.${kind}`) }).check();
  await page.getByLabel(t('composer.title'), { exact: true }).fill(title);
  await page.getByRole('textbox', { name: t('composer.body'), exact: true }).fill(body);
}

/** Posts the composer and opens the new thread. */
async function postAndOpen(page: Page, t: typeof en, kind: string, title: string) {
  await page.getByRole('button', { name: t(`composer.post.${kind}`) }).click();
  await seen(page.getByText(t('composer.posted')));
  await page.getByRole('link', { name: t('composer.openPost') }).click();
  await waitForPath(page, /^\/t\/\d+-/);
  await seen(page.getByRole('heading', { level: 1, name: title }));
}

describe('polls: made in the composer, voted by two people, results live', () => {
  it('an author on a laptop in English and a voter on a phone in Dutch', async () => {
    const author = await member('Paula');
    const voter = await member('Victor');
    const authorContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const voterContext = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const paula = await authorContext.newPage();
    const victor = await voterContext.newPage();
    const title = `Where is the summer party? ${Date.now()}`;
    try {
      await photographOnFailure([paula, victor], 'polls-journey', async () => {
        await signIn(paula, en, author);
        await compose(paula, en, 'poll', title, 'Pick the place you like best.');
        // Two options are required: the composer says so before anything is sent.
        await paula.getByRole('textbox', { name: en('polls.option', { number: 1 }) }).fill('Beach');
        await paula.getByRole('button', { name: en('composer.post.poll') }).click();
        await seen(paula.getByText(en('polls.optionsRequired', { min: 2 })));
        await paula.getByRole('textbox', { name: en('polls.option', { number: 2 }) }).fill('Forest');
        await paula.getByRole('button', { name: en('polls.addOption') }).click();
        await paula.getByRole('textbox', { name: en('polls.option', { number: 3 }) }).fill('Rooftop');
        await settled(paula);
        await photograph(paula, 'poll-composer-1440-en');
        expect(await violations(paula)).toEqual([]);
        await postAndOpen(paula, en, 'poll', title);

        // The author votes first.
        await paula.getByRole('radio', { name: 'Forest' }).check();
        await paula.getByRole('button', { name: en('polls.vote'), exact: true }).click();
        await seen(paula.getByText(en('polls.voters_one', { count: 1 })));
        const threadPath = new URL(paula.url()).pathname;

        // The voter votes on a phone, in Dutch.
        await signIn(victor, nl, voter, threadPath);
        await seen(victor.getByRole('heading', { level: 1, name: title }));
        await victor.getByRole('radio', { name: 'Rooftop' }).check();
        await victor.getByRole('button', { name: nl('polls.vote'), exact: true }).click();
        await seen(victor.getByText(nl('polls.voters_other', { count: 2 })));
        await seen(victor.getByText(`Rooftop (${nl('polls.chosen')})`));
        await settled(victor);
        await photograph(victor, 'poll-results-375-nl');
        expect(await violations(victor)).toEqual([]);

        // The author's page hears of the second vote live (she follows her own thread): no reload.
        await seen(paula.getByText(en('polls.voters_other', { count: 2 })));
        const results = paula.locator('.poll-result');
        expect(await results.count()).toBe(3);
        expect(await results.nth(1).textContent()).toContain(en('polls.votes_one', { count: 1 }));
        expect(await results.nth(2).textContent()).toContain(en('polls.votes_one', { count: 1 }));
        await settled(paula);
        await photograph(paula, 'poll-results-1440-en');
      });
    } finally {
      await authorContext.close();
      await voterContext.close();
    }
  });
});

describe('AMAs: a leader opens one, questions are voted, answered in vote order', () => {
  it('from open to answered: the leader on a laptop in Dutch, a member on a phone in English', async () => {
    const leader = await member('Lotte', true);
    const asker = await member('Arjen');
    const other = await member('Olga');
    const leaderContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'nl' });
    const askerContext = await newContext(browser, baseUrl, { ...PHONE, language: 'en' });
    const lotte = await leaderContext.newPage();
    const arjen = await askerContext.newPage();
    const title = `Vraag het de directie ${Date.now()}`;
    try {
      await photographOnFailure([lotte, arjen], 'ama-journey', async () => {
        await signIn(lotte, nl, leader);
        await compose(lotte, nl, 'ama', title, 'Stel je vragen over de strategie.');
        await lotte.getByLabel(nl('amas.startsAt')).fill(await localTime(lotte, -1));
        await lotte.getByLabel(nl('amas.endsAt')).fill(await localTime(lotte, 24 * 60));
        await postAndOpen(lotte, nl, 'ama', title);
        await seen(lotte.getByText(nl('amas.noQuestions')));
        const threadPath = new URL(lotte.url()).pathname;
        const threadId = /^\/t\/(\d+)-/.exec(threadPath)![1]!;

        // A member asks; another asks too and votes for the first one, so it goes to the top.
        await signIn(arjen, en, asker, threadPath);
        await arjen.getByLabel(en('amas.ask')).fill('Will we keep working from home two days a week?');
        await arjen.getByRole('button', { name: en('amas.askButton'), exact: true }).click();
        await seen(arjen.getByText('Will we keep working from home two days a week?'));
        const olga = await signInWithPassword(baseUrl, other);
        await olga.send('POST', `/api/v1/threads/${threadId}/ama/questions`, {
          body: 'What about the canteen?',
        });
        const ama = await olga.send<{ questions: { id: string; body: string }[] }>(
          'GET',
          `/api/v1/threads/${threadId}/ama`,
        );
        const first = ama.questions.find((q) => q.body.startsWith('Will we'))!;
        await olga.send('PUT', `/api/v1/ama-questions/${first.id}/vote`);
        await seen(arjen.getByText(en('amas.votes_one', { count: 1 })));
        await seen(arjen.getByText(en('amas.unanswered')).first());

        // The leader sees them most wanted first and answers the top one.
        await lotte.reload();
        const questions = lotte.locator('.ama-question');
        await seen(questions.first());
        expect(await questions.first().textContent()).toContain('Will we keep working');
        await questions
          .first()
          .getByRole('button', { name: nl('amas.answer'), exact: true })
          .click();
        await lotte
          .getByLabel(nl('amas.answerLabel', { question: 'Will we keep working from home two days a week?' }))
          .fill('Ja, **twee dagen** blijft de afspraak.');
        await lotte.getByRole('button', { name: nl('amas.saveAnswer'), exact: true }).click();
        await seen(lotte.locator('.ama-answer strong', { hasText: 'twee dagen' }));
        await settled(lotte);
        await photograph(lotte, 'ama-1440-nl');
        expect(await violations(lotte)).toEqual([]);

        // The asker reads the answer; the other question stays visible, marked unanswered.
        await seen(arjen.locator('.ama-answer', { hasText: 'twee dagen' }));
        await seen(
          arjen
            .locator('.ama-question', { hasText: 'What about the canteen?' })
            .getByText(en('amas.unanswered')),
        );
        await settled(arjen);
        await photograph(arjen, 'ama-375-en');
        expect(await violations(arjen)).toEqual([]);
      });
    } finally {
      await leaderContext.close();
      await askerContext.close();
    }
  });
});

describe('events: made in the composer, shown in each reader’s own zone, RSVP and a calendar file', () => {
  it('an organiser on a laptop in English, a colleague on a phone in Dutch says going', async () => {
    const organiser = await member('Olivier');
    const colleague = await member('Carla');
    const organiserContext = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const colleagueContext = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const olivier = await organiserContext.newPage();
    const carla = await colleagueContext.newPage();
    const title = `Quarterly session ${Date.now()}`;
    try {
      await photographOnFailure([olivier, carla], 'events-journey', async () => {
        await signIn(olivier, en, organiser);
        await compose(olivier, en, 'event', title, 'With the board, questions welcome.');
        await olivier.getByLabel(en('events.startsAt')).fill(await localTime(olivier, 24 * 60));
        await olivier.getByLabel(en('events.endsAt')).fill(await localTime(olivier, 25 * 60));
        await olivier.getByLabel(en('events.place')).fill('Utrecht, room 4.12');
        await postAndOpen(olivier, en, 'event', title);
        await seen(olivier.getByText('Utrecht, room 4.12'));
        const threadPath = new URL(olivier.url()).pathname;
        const threadId = /^\/t\/(\d+)-/.exec(threadPath)![1]!;

        await signIn(carla, nl, colleague, threadPath);
        await seen(carla.getByRole('heading', { level: 1, name: title }));
        await carla.getByRole('button', { name: new RegExp(`^${nl('events.answer.going')} ·`) }).click();
        await seen(carla.getByRole('button', { name: `${nl('events.answer.going')} · 1`, pressed: true }));
        await settled(carla);
        await photograph(carla, 'event-375-nl');
        expect(await violations(carla)).toEqual([]);

        // The calendar file is there for the same reader, as text/calendar.
        const api = await signInWithPassword(baseUrl, colleague);
        const ics = await fetch(`${baseUrl}/api/v1/threads/${threadId}/event.ics`, {
          headers: { cookie: api.cookie },
        });
        expect(ics.status).toBe(200);
        expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
        expect(await ics.text()).toContain(`SUMMARY:${title}`);

        await olivier.reload();
        await seen(olivier.getByRole('button', { name: `${en('events.answer.going')} · 1` }));
        await settled(olivier);
        await photograph(olivier, 'event-1440-en');
        expect(await violations(olivier)).toEqual([]);
      });
    } finally {
      await organiserContext.close();
      await colleagueContext.close();
    }
  });
});
