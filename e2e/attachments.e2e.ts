import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer } from './api.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  photograph,
  photographOnFailure,
  seen,
  settled,
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

describe('pictures in posts', () => {
  it('uploads an image in the composer and shows it inline in the post', async () => {
    const en = wordsFor('en');
    const writer = await createNewcomer(stage.admin, 'Fenna');
    const picture = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#27ae60' } })
      .png()
      .toBuffer();
    const context = await newContext(browser, baseUrl, { ...LAPTOP, language: 'en' });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'attachments-journey', async () => {
        await signIn(page, en, writer);
        await page.getByRole('button', { name: en('composer.prompt') }).click();
        await page.getByRole('radio', { name: en('kinds.discussion') }).check();
        const title = `The new office ${Date.now()}`;
        await page.getByLabel(en('composer.title'), { exact: true }).fill(title);
        const body = page.getByRole('textbox', { name: en('composer.body'), exact: true });
        await body.fill('Our new office, first floor:');
        await page.getByLabel(en('attachments.attach')).setInputFiles({
          name: 'office.png',
          mimeType: 'image/png',
          buffer: picture,
        });
        // The Markdown image goes into the text once the server has stripped and sized the picture.
        await expect
          .poll(() => body.inputValue(), { timeout: 20_000 })
          .toMatch(/!\[office\.png\]\(\/api\/v1\/attachments\/\d+\/content\?size=web\)/);
        await page.getByRole('button', { name: en('composer.post.discussion') }).click();
        await (await seen(page.getByRole('link', { name: en('composer.openPost') }))).click();
        const image = await seen(page.locator('.thread-body img[alt="office.png"]'));
        await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(320);
        await settled(page);
        await photograph(page, 'thread-with-image-1440-en');
      });
    } finally {
      await context.close();
    }
  });
});
