import type { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNewcomer } from './api.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photograph,
  photographOnFailure,
  seen,
  settled,
} from './browser.js';
import { type Stage, setStage } from './fixtures.js';
import { signIn, type Words, wordsFor } from './steps.js';

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

/** A picture shows once its bytes arrived: an image that failed to load has no natural width. */
const loadedWidth = (image: Locator) => image.evaluate((img) => (img as HTMLImageElement).naturalWidth);

describe('pictures in posts', () => {
  it.each([
    ['en', LAPTOP],
    ['nl', PHONE],
  ] as const)(
    'uploads an image in the composer and shows it inline in the post (%s)',
    async (language, device) => {
      const t: Words = wordsFor(language);
      const writer = await createNewcomer(stage.admin, 'Fenna');
      const picture = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#27ae60' } })
        .png()
        .toBuffer();
      const context = await newContext(browser, baseUrl, { ...device, language });
      const page = await context.newPage();
      try {
        await photographOnFailure([page], `attachments-journey-${language}`, async () => {
          await signIn(page, t, writer);
          await page.getByRole('button', { name: t('composer.prompt') }).click();
          await page.getByRole('radio', { name: t('kinds.discussion') }).check();
          const title = `The new office ${Date.now()}`;
          await page.getByLabel(t('composer.title'), { exact: true }).fill(title);
          const body = page.getByRole('textbox', { name: t('composer.body'), exact: true });
          await body.fill('Our new office, first floor:');
          await page.getByLabel(t('attachments.attach')).setInputFiles({
            name: 'office.png',
            mimeType: 'image/png',
            buffer: picture,
          });
          // The Markdown image goes into the text once the server has stripped and sized the picture.
          await expect
            .poll(() => body.inputValue(), { timeout: 20_000 })
            .toMatch(/!\[office\.png\]\(\/api\/v1\/attachments\/\d+\/content\?size=web\)/);
          await page.getByRole('button', { name: t('composer.post.discussion') }).click();
          await (await seen(page.getByRole('link', { name: t('composer.openPost') }))).click();
          const image = await seen(page.locator('.thread-body img[alt="office.png"]'));
          await expect.poll(() => loadedWidth(image)).toBe(320);
          // Nothing on the page is wider than the screen, the picture included.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            device.width,
          );
          await settled(page);
          await photograph(page, `thread-with-image-${device.width}-${language}`);
        });
      } finally {
        await context.close();
      }
    },
  );
});

describe('a thread with many pictures on a phone', () => {
  it('keeps its place while the pictures load: each has its stored size before its bytes arrive', async () => {
    const t: Words = wordsFor('nl');
    const writer = await createNewcomer(stage.admin, 'Pim');
    const signedIn = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: writer.email, password: writer.password }),
    });
    const cookie = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('plein_session='))!
      .split(';')[0]!;
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    const as = { cookie, 'x-csrf-token': csrfToken };
    const call = async (method: string, path: string, body?: FormData | object) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body && !(body instanceof FormData) ? { ...as, 'content-type': 'application/json' } : as,
        body: body instanceof FormData ? body : body && JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : response.json();
    };
    await call('PUT', `/api/v1/groups/${stage.open.slug}/members/${writer.handle}`);
    // Six photos, wider than the phone and of different shapes.
    const shapes = [
      [1600, 1200],
      [1200, 1600],
      [1600, 900],
      [1000, 1000],
      [1600, 1200],
      [900, 1600],
    ];
    const ids: string[] = [];
    for (const [i, [width, height]] of shapes.entries()) {
      const photo = await sharp({
        create: { width: width!, height: height!, channels: 3, background: '#8e44ad' },
      })
        .jpeg()
        .toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `room-${i}.jpg`);
      ids.push((await call('POST', '/api/v1/attachments', form)).id);
    }
    // The job strips and sizes them (every second).
    for (const id of ids) {
      await expect
        .poll(async () => (await call('GET', `/api/v1/attachments/${id}`)).status, { timeout: 30_000 })
        .toBe('ready');
    }
    const thread = await call('POST', '/api/v1/threads', {
      communitySlug: stage.open.slug,
      kind: 'discussion',
      title: `Every room of the new office ${Date.now()}`,
      body: ids
        .map((id, i) => `Room ${i + 1}\n\n![room-${i}.jpg](/api/v1/attachments/${id}/content?size=web)`)
        .join('\n\n'),
    });

    const context = await newContext(browser, baseUrl, { ...PHONE, language: 'nl' });
    // Every layout shift from the start of each page, as the browser scores them (input-driven ones excluded).
    await context.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // Pictures arrive slowly, long after the text.
    await context.route('**/api/v1/attachments/*/content*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'attachments-no-jump', async () => {
        await signIn(page, t, writer);
        await page.goto(`/t/${thread.id}`);
        const images = page.locator('.thread-body img');
        await expect.poll(() => images.count()).toBe(shapes.length);
        // Each picture holds its stored shape from the first paint, whether or not its bytes have come.
        const sizes = await images.evaluateAll((all) =>
          all.map((img) => [img.getAttribute('width'), img.getAttribute('height')]),
        );
        expect(sizes).toEqual(shapes.map(([width, height]) => [String(width), String(height)]));
        for (const image of await images.all()) {
          await image.scrollIntoViewIfNeeded();
          await expect.poll(() => loadedWidth(image), { timeout: 20_000 }).toBeGreaterThan(0);
        }
        const shifted = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
        expect(shifted.reduce((sum, value) => sum + value, 0)).toBeLessThan(0.01);
      });
    } finally {
      await context.close();
    }
  });
});

describe('profile photos everywhere', () => {
  it.each([
    ['nl', PHONE],
    ['en', LAPTOP],
  ] as const)(
    'shows the photo in settings, the directory, the profile and the menu; initials without one (%s)',
    async (language, device) => {
      const t: Words = wordsFor(language);
      const pictured = await createNewcomer(stage.admin, 'Foto');
      const plain = await createNewcomer(stage.admin, 'Kaal');
      const photo = await sharp({ create: { width: 240, height: 240, channels: 3, background: '#8e44ad' } })
        .jpeg()
        .toBuffer();
      const context = await newContext(browser, baseUrl, { ...device, language });
      const page = await context.newPage();
      try {
        await photographOnFailure([page], `profile-photo-${language}`, async () => {
          await signIn(page, t, pictured, '/settings');
          await page.getByLabel(t('attachments.choosePhoto')).setInputFiles({
            name: 'me.jpg',
            mimeType: 'image/jpeg',
            buffer: photo,
          });
          // The settings card shows the thumbnail once the server has stripped and sized it.
          const mine = await seen(page.locator('.card img.avatar'), 30_000);
          await expect.poll(() => loadedWidth(mine), { timeout: 20_000 }).toBeGreaterThan(0);

          await page.goto(`/people?q=${encodeURIComponent(pictured.name)}`);
          const card = page.locator('.person-card', { hasText: pictured.name });
          const face = await seen(card.locator('img.avatar'));
          expect(await face.getAttribute('src')).toMatch(
            /^\/api\/v1\/attachments\/\d+\/content\?size=thumb$/,
          );
          await expect.poll(() => loadedWidth(face)).toBeGreaterThan(0);
          await settled(page);
          await photograph(page, `people-directory-photo-${device.width}-${language}`);

          await page.goto(`/people?q=${encodeURIComponent(plain.name)}`);
          const other = page.locator('.person-card', { hasText: plain.name });
          const initials = await seen(other.locator('span.avatar'));
          expect(await initials.textContent()).toBe(`K${plain.name.split(' ')[1]![0]!.toUpperCase()}`);
          expect(await other.locator('img.avatar').count()).toBe(0);

          await page.goto(`/u/${pictured.handle}`);
          const profile = await seen(page.locator('main img.avatar').first());
          await expect.poll(() => loadedWidth(profile)).toBeGreaterThan(0);
          // The account menu's face is the photo too.
          const menu = page.getByRole('button', { name: t('nav.accountMenu', { name: pictured.name }) });
          await expect.poll(() => loadedWidth(menu.locator('img.avatar'))).toBeGreaterThan(0);
          // Round at every width: a narrow top bar once squeezed it into an oval.
          const box = (await menu.locator('img.avatar').boundingBox())!;
          expect(Math.round(box.width)).toBe(Math.round(box.height));
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            device.width,
          );
        });
      } finally {
        await context.close();
      }
    },
  );
});
