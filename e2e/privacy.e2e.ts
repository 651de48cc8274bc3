import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readZip } from '../server/modules/privacy/testing.js';
import { createNewcomer, signInWithPassword } from './api.js';
import { LAPTOP, launchBrowser, newContext, photographOnFailure, seen } from './browser.js';
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

describe('privacy', () => {
  it('a colleague asks for their own data in Settings and downloads the prepared archive, in English', async () => {
    const en = wordsFor('en');
    const person = await createNewcomer(stage.admin, 'Iris');
    const api = await signInWithPassword(baseUrl, person);
    await api.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${person.handle}`);
    const title = `My notes on the spring plan ${Date.now()}`;
    await api.send('POST', '/api/v1/threads', {
      communitySlug: stage.open.slug,
      kind: 'discussion',
      title,
      body: 'Mine to take along.',
    });
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'privacy-export', async () => {
        await signIn(page, en, person, '/settings');
        // A job prepares the archive; the page shows its status and, once ready, the download.
        await (
          await seen(page.getByRole('button', { name: en('privacy.mine.request'), exact: true }))
        ).click();
        // The job runs on its own timer: on a busy machine that may take a while.
        const link = await seen(
          page.getByRole('link', { name: new RegExp(`^${en('privacy.exports.download')}`) }),
          180_000,
        );
        await seen(page.getByText(en('privacy.exports.status.ready'), { exact: true }));
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        expect(download.suggestedFilename()).toMatch(/\.zip$/);
        const zip = await readZip(await readFile((await download.path())!));
        const data = JSON.parse(zip.get('data.json')!.toString());
        expect(data.format).toBe('plein-export/2');
        expect(data.profile).toMatchObject({ handle: person.handle, email: person.email });
        expect(data.threads.map((thread: { title: string }) => thread.title)).toContain(title);
      });
    } finally {
      await context.close();
    }
  });

  it('an admin places a legal hold and erases a person after confirming, in Dutch', async () => {
    const nl = wordsFor('nl');
    const held = await createNewcomer(stage.admin, 'Hanna');
    const leaving = await createNewcomer(stage.admin, 'Lars');
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'nl' });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'privacy-admin', async () => {
        await signIn(page, nl, { ...held, email: ADMIN.email, password: ADMIN.password }, '/admin/privacy');
        await seen(page.getByRole('heading', { level: 1, name: nl('privacy.admin.title') }));

        // A legal hold on one person: listed with its reason.
        const holds = page.locator('section', {
          has: page.getByRole('heading', { name: nl('privacy.holds.title') }),
        });
        await holds.getByLabel(nl('privacy.holds.handle')).fill(held.handle);
        await holds.getByLabel(nl('privacy.holds.reason')).fill('Zaak 2026-7');
        await holds.getByRole('button', { name: nl('privacy.holds.place'), exact: true }).click();
        await seen(holds.getByText(`(${held.handle}) — Zaak 2026-7`));

        // Erasing another: the dialog asks for the handle before the button works.
        const erasure = page.locator('section', {
          has: page.getByRole('heading', { name: nl('privacy.erasure.title') }),
        });
        await erasure.getByLabel(nl('privacy.erasure.handle')).fill(leaving.handle);
        await erasure.getByRole('button', { name: nl('privacy.erasure.start'), exact: true }).click();
        const dialog = page.getByRole('dialog', {
          name: nl('privacy.erasure.confirmTitle', { handle: leaving.handle }),
        });
        const confirm = dialog.getByRole('button', { name: nl('privacy.erasure.confirm'), exact: true });
        expect(await confirm.isDisabled()).toBe(true);
        await dialog
          .getByLabel(nl('privacy.erasure.confirmLabel', { handle: leaving.handle }))
          .fill(leaving.handle);
        await confirm.click();
        await seen(erasure.getByRole('status'));
        expect(await erasure.getByRole('status').textContent()).toContain('Voormalig collega');
      });
    } finally {
      await context.close();
    }
    const gone = await stage.admin.send<{ items: unknown[] }>(
      'GET',
      `/api/v1/people?q=${encodeURIComponent(leaving.name)}`,
    );
    expect(JSON.stringify(gone)).not.toContain(leaving.handle);
  });
});
