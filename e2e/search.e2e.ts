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
});
