import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer } from './api.js';
import {
  type Device,
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photographOnFailure,
  seen,
  waitForPath,
  watchProblems,
} from './browser.js';
import { type Stage, setStage } from './fixtures.js';
import { askQuestion, openCommunity, signIn, signOut, wordsFor } from './steps.js';

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

const devices: [string, Device][] = [
  ['on a laptop, in English', { ...LAPTOP, language: 'en' }],
  ['on a laptop, in Dutch', { ...LAPTOP, language: 'nl' }],
  ['on a 375 px phone, in Dutch', { ...PHONE, language: 'nl' }],
  ['on a 375 px phone, in English', { ...PHONE, language: 'en' }],
];

describe('journey 1: a new person signs in, finds a community, joins it, asks a question, signs out', () => {
  it.each(devices)('%s', async (_, device) => {
    const t = wordsFor(device.language);
    const person = await createNewcomer(stage.admin, 'Robin');
    const context = await newContext(browser, baseUrl, device);
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], `journey-1-${device.width}-${device.language}`, async () => {
        await signIn(page, t, person);
        // The browser's language decides, since this person chose none.
        expect(await page.locator('html').getAttribute('lang')).toBe(device.language);
        await seen(page.getByRole('heading', { name: t('home.greeting', { name: 'Robin' }) }));

        await openCommunity(page, t, stage.open.name.split(' ').slice(0, 2).join(' '), stage.open.name);
        await page.getByRole('button', { name: t('community.join'), exact: true }).click();
        await seen(page.getByRole('button', { name: t('community.leave') }));

        const title = `How do I get access to the staging cluster? ${Date.now()}`;
        await askQuestion(
          page,
          t,
          stage.open.name,
          title,
          'I am new in **Sales** and would like to try the demo setup.',
        );
        // An employee's cards carry no scorecard jargon (top-down / bottom-up).
        expect(await page.locator('.origin-marker').count()).toBe(0);
        await page.getByRole('link', { name: title }).click();
        await waitForPath(page, /^\/t\/\d+-how-do-i-get-access/);
        await seen(page.getByRole('heading', { level: 1, name: title }));
        await seen(page.getByText('I am new in'));

        await signOut(page, t, person.name);
        // Signed out means signed out: the thread is not there any more without signing in again.
        await page.goBack();
        await waitForPath(page, '/login');
      });
      expect(problems, 'failing requests and console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
