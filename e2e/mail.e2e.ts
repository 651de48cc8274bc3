import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OutboundMail } from '../contract/mail.js';
import { type ApiSession, createNewcomer, type NewPerson, signInWithPassword } from './api.js';
import {
  launchBrowser,
  newContext,
  PHONE,
  photograph,
  photographOnFailure,
  seen,
  settled,
  watchProblems,
} from './browser.js';
import { type Stage, setStage } from './fixtures.js';
import { ADMIN } from './server.js';
import { openFromMore, signIn, wordsFor } from './steps.js';

const baseUrl = inject('baseUrl');
const LAPTOP_1280 = { width: 1280, height: 800 } as const;
let browser: Browser;
let stage: Stage;
let reader: NewPerson;
let readerApi: ApiSession;
let thread: { id: string; title: string };

/** The mention's mail to the reader in the outbox; the node's pump composes it within a second or two. */
async function mailTo(email: string): Promise<OutboundMail> {
  let found: OutboundMail | undefined;
  await expect
    .poll(
      async () => {
        const page = await stage.admin.get<{ items: OutboundMail[] }>('/api/v1/admin/outbox?limit=100');
        found = page.items.find((mail) => mail.to === email && mail.kind === 'mention');
        return found?.status;
      },
      { timeout: 20_000 },
    )
    .toBe('outbox');
  return found!;
}

beforeAll(async () => {
  browser = await launchBrowser();
  stage = await setStage(baseUrl);
  reader = await createNewcomer(stage.admin, 'Mara');
  await stage.admin.send('PUT', `/api/v1/groups/${stage.open.slug}/members/${reader.handle}`);
  readerApi = await signInWithPassword(baseUrl, reader);
  const title = `Who signs the supplier contract ${Date.now()}`;
  const posted = await stage.admin.send<{ id: string }>('POST', '/api/v1/threads', {
    communitySlug: stage.open.slug,
    kind: 'question',
    title,
    body: `@${reader.handle} you negotiated the last one, didn’t you?`,
  });
  thread = { id: posted.id, title };
});

afterAll(async () => {
  await browser?.close();
});

describe('mail in the browser', () => {
  it('an admin sees the mention’s mail in the outbox and opens it, nothing in it can run', async () => {
    const t = wordsFor('en');
    const mail = await mailTo(reader.email);
    const context = await newContext(browser, baseUrl, { ...LAPTOP_1280, language: 'en' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'outbox', async () => {
        await signIn(page, t, { ...ADMIN, name: 'Admin', handle: 'admin' });
        // Signing in starts signed out, with the 401s that tell the app so: this journey starts after it.
        problems.length = 0;
        await settled(page);
        await openFromMore(page, t, t('mail.outbox.nav'));
        await seen(page.getByRole('heading', { level: 1, name: t('mail.outbox.title') }));
        await seen(page.getByText(t('mail.outbox.introOutbox')));
        const item = page.locator(`[data-mail="${mail.id}"]`);
        await seen(item.getByText(mail.subject));
        await seen(item.getByText(t('mail.outbox.status.outbox')));
        await settled(page);
        await photograph(page, 'outbox-1280-en');
        await item.getByRole('button', { name: new RegExp(t('mail.outbox.open')) }).click();
        const dialog = page.getByRole('dialog', { name: mail.subject });
        const frame = dialog.locator('iframe');
        await seen(frame);
        expect(await frame.getAttribute('sandbox')).toBe('');
        await seen(page.frameLocator('dialog iframe').getByText(/you negotiated the last one/));
        await dialog.getByText(t('mail.outbox.text')).click();
        await seen(dialog.locator('pre').getByText(/\/unsubscribe\/v1\./));
        await photograph(page, 'outbox-mail-1280-en');
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the reader changes what is mailed on a phone in Dutch, and it is kept after a reload; mutes a thread and unmutes it', async () => {
    const t = wordsFor('nl');
    const context = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'mail-settings', async () => {
        await signIn(page, t, reader);
        problems.length = 0;
        await page.goto('/settings');
        await settled(page);
        const mention = page.getByLabel(t('mail.kinds.mention'), { exact: true });
        await seen(mention);
        expect(await mention.inputValue()).toBe('email');
        const saved = page.waitForResponse(
          (response) => response.url().endsWith('/api/v1/me/mail') && response.request().method() === 'PATCH',
        );
        await mention.selectOption('digest');
        expect((await saved).status()).toBe(200);
        // Listen before the click: the answer can come back before a listener set up after it.
        const digestSaved = page.waitForResponse(
          (response) => response.url().endsWith('/api/v1/me/mail') && response.request().method() === 'PATCH',
        );
        await page.getByRole('radio', { name: t('mail.digest.daily') }).check();
        expect((await digestSaved).status()).toBe(200);
        await page.reload();
        await settled(page);
        await seen(page.getByLabel(t('mail.kinds.mention'), { exact: true }));
        expect(await page.getByLabel(t('mail.kinds.mention'), { exact: true }).inputValue()).toBe('digest');
        expect(await page.getByRole('radio', { name: t('mail.digest.daily') }).isChecked()).toBe(true);
        await photograph(page, 'settings-mail-375-nl');

        // Mute the thread from its page; Settings lists it, with the way back.
        await page.goto(`/t/${thread.id}`);
        const mute = page.getByRole('button', { name: t('mail.mute.muteThread') });
        await (await seen(mute)).click();
        await seen(page.getByRole('button', { name: t('mail.mute.unmuteThread'), pressed: true }));
        await page.goto('/settings');
        const unmute = page.getByRole('button', { name: t('mail.settings.unmute', { name: thread.title }) });
        await (await seen(unmute)).click();
        await seen(page.getByText(t('mail.settings.mutesNone')));
      });
      expect(problems).toEqual([]);
      const stored = await readerApi.get<{ kinds: { mention: string }; digest: string; mutes: unknown[] }>(
        '/api/v1/me/mail',
      );
      expect([stored.kinds.mention, stored.digest, stored.mutes]).toEqual(['digest', 'daily', []]);
    } finally {
      await context.close();
    }
  });

  it('the unsubscribe link in the mail opens a confirmation page without signing in, and its button unsubscribes', async () => {
    const t = wordsFor('nl');
    // Back to mail at once for mentions, so the link has something to turn off.
    await readerApi.send('PATCH', '/api/v1/me/mail', { kinds: { mention: 'email' } });
    const mail = await mailTo(reader.email);
    const link = new URL(mail.headers['List-Unsubscribe']!.slice(1, -1));
    expect(link.origin).toBe(new URL(baseUrl).origin);
    expect(mail.text).toContain(link.href);
    const context = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    const problems = watchProblems(context);
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'unsubscribe', async () => {
        await page.goto(link.pathname);
        await seen(page.getByRole('heading', { level: 1, name: t('mail.unsubscribe.title') }));
        await seen(page.getByText(t('mail.kinds.mention')));
        await photograph(page, 'unsubscribe-375-nl');
        await page.getByRole('button', { name: t('mail.unsubscribe.confirm') }).click();
        await seen(page.getByRole('status').filter({ hasText: t('mail.unsubscribe.done') }));
      });
      // Signed out, the app asks once who is signed in: its 401s are how it learns nobody is.
      expect(problems.filter((problem) => !/^401 \/api\/v1\/(me|auth\/session)$/.test(problem))).toEqual([]);
      expect((await readerApi.get<{ kinds: { mention: string } }>('/api/v1/me/mail')).kinds.mention).toBe(
        'app',
      );

      // A link this server did not sign says so.
      await page.goto('/unsubscribe/v1.1.mention.00000000000000000000');
      await seen(page.getByRole('heading', { level: 1, name: t('mail.unsubscribe.badTitle') }));
      expect(await page.getByRole('button', { name: t('mail.unsubscribe.confirm') }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
