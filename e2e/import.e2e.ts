import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import yazl from 'yazl';
import {
  type Device,
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photographOnFailure,
  seen,
} from './browser.js';
import { ADMIN } from './server.js';
import { signIn, wordsFor } from './steps.js';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A small Workplace download: one open group, one Dutch question with an answer. */
async function workplaceZip(word: string): Promise<string> {
  const zip = new yazl.ZipFile();
  const add = (name: string, value: unknown) => zip.addBuffer(Buffer.from(JSON.stringify(value)), name);
  add('people.json', {
    data: [{ id: `u-${word}`, name: `Oud Collega ${word}`, email: `oud.${word}@old.example` }],
  });
  add('groups/hr/group.json', { id: `hr-${word}`, name: `HR vragen ${word}`, privacy: 'OPEN' });
  add('groups/hr/posts.json', [
    {
      id: `p-${word}`,
      from: { id: `u-${word}` },
      message: `Hoe vraag ik ${word} verlof aan in de nieuwe tool?`,
      created_time: '2021-02-03T09:00:00+0000',
      comments: {
        data: [
          {
            id: `c-${word}`,
            from: { id: `u-${word}` },
            message: 'Via het HR-portaal.',
            created_time: '2021-02-03T10:00:00+0000',
          },
        ],
      },
    },
  ]);
  zip.end();
  const path = join(mkdtempSync(join(tmpdir(), 'plein-e2e-import-')), 'workplace.zip');
  await pipeline(zip.outputStream, createWriteStream(path));
  return path;
}

const admin = { ...ADMIN, name: 'Admin', handle: 'admin' };

describe('journey: bring the old network along', () => {
  it.each([
    ['nl', LAPTOP],
    ['en', PHONE],
  ] as const)(
    'the admin uploads a Workplace export, reads the dry run, imports it and finds the question (%s)',
    async (language, size) => {
      const t = wordsFor(language);
      const word = `zz${randomBytes(3).toString('hex')}`;
      const device: Device = { ...size, language };
      const context = await newContext(browser, baseUrl, device);
      const page = await context.newPage();
      try {
        await photographOnFailure([page], `journey-import-${language}`, async () => {
          await signIn(page, t, admin);
          await page.goto('/admin/import');
          await seen(page.getByRole('heading', { level: 1, name: t('import.title') }));
          await page.getByLabel(t('import.file')).setInputFiles(await workplaceZip(word));
          await page.getByRole('button', { name: t('import.check') }).click();
          await seen(page.getByText(t('import.status.checked')));
          await seen(page.getByRole('heading', { name: t('import.dryRun') }));
          const threads = page.getByRole('row', { name: new RegExp(`^${t('import.kinds.thread')}`) });
          await seen(threads.getByRole('cell', { name: '1', exact: true }).first());
          // Nothing is written by the check: the page fits the screen, and only then the run.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            size.width,
          );
          await page.getByRole('button', { name: t('import.run') }).click();
          await seen(page.getByText(t('import.status.done'), { exact: true }), 60_000);
          await seen(page.getByRole('heading', { name: t('import.result') }));

          await page.goto(`/search?q=${word}`);
          await (
            await seen(page.getByRole('link', { name: new RegExp(`Hoe vraag ik ${word}`) }).first())
          ).click();
          await seen(page.getByText('Via het HR-portaal.'));
        });
      } finally {
        await context.close();
      }
    },
  );
});
