import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
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

describe('journey: discover what the organisation knows', () => {
  it('finds a thread with a Dutch search that has a typo, and an expert with the evidence', async () => {
    const t = wordsFor('nl');
    const suffix = randomBytes(2).toString('hex');
    const title = `Waar vind ik de handleiding van de koffieautomaat ${suffix}?`;
    await stage.admin.send('POST', '/api/v1/threads', {
      communitySlug: stage.open.slug,
      kind: 'question',
      title,
      body: 'Hij geeft foutcode E42 en ik kan nergens de handleiding vinden.',
    });
    const colleague = await createNewcomer(stage.admin, 'Sanne');
    const barista = await createNewcomer(stage.admin, 'Bram');
    const skill = `Koffiezetten${suffix}`;
    await stage.admin.send('PATCH', `/api/v1/people/${barista.handle}`, { skills: [skill] });

    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'nl' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'journey-search', async () => {
        await signIn(page, t, colleague);
        // The header search box: type with a typo ("handleidng"), Enter searches everything.
        const box = page.getByRole('combobox', { name: t('search.label') });
        await box.fill(`handleidng koffieautomaat ${suffix}`);
        await box.press('Enter');
        await waitForPath(page, '/search');
        await seen(page.getByRole('heading', { level: 1, name: t('search.title') }));
        // Found by a title that comes close, said so, and no tab claims a count of posts it did not look for.
        await seen(page.getByRole('status').filter({ hasText: `handleidng koffieautomaat ${suffix}` }));
        expect(await page.locator('.editor-tabs .muted').count()).toBe(0);
        await (await seen(page.getByRole('link', { name: title }))).click();
        await seen(page.getByRole('heading', { level: 1, name: title }));

        await page.goto(`/experts?q=${encodeURIComponent(skill.toLowerCase())}`);
        await seen(page.getByRole('heading', { level: 1, name: t('experts.title') }));
        const expert = page.getByRole('listitem').filter({ hasText: barista.name });
        await seen(expert.getByText(t('experts.evidence.skill.on')));
        await seen(expert.getByText(skill));
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('writes dates in the interface language’s order, not the browser’s: a Dutch page in an American browser', async () => {
    const t = wordsFor('nl');
    const person = await createNewcomer(stage.admin, 'Lotte');
    await stage.admin.send('PATCH', `/api/v1/people/${person.handle}`, { locale: 'nl' });
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en', locale: 'en-US' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'search-dates', async () => {
        await signIn(page, wordsFor('en'), person);
        await page.goto('/search?q=koffie&from=2026-03-09');
        await seen(page.getByRole('heading', { level: 1, name: t('search.title') }));
        const from = page.getByLabel(t('search.filter.from'));
        expect(await from.inputValue()).toBe('09-03-2026');
        expect(await from.getAttribute('placeholder')).toBe('dd-mm-jjjj');
        const to = page.getByLabel(t('search.filter.to'));
        await to.fill('1-4-2026');
        await page.waitForURL((url) => url.searchParams.get('to') === '2026-04-01');
        // Not a date: said so on the field, and nothing is searched with it.
        await to.fill('31-02-2026');
        expect(await to.inputValue()).toBe('31-02-2026');
        expect(await to.getAttribute('aria-invalid')).toBe('true');
        await page.waitForURL((url) => !url.searchParams.has('to'));
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
