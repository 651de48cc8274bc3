import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { signInAsDemo } from './api.js';
import { LAPTOP, launchBrowser, newContext, PHONE, settled } from './browser.js';
import { startServer } from './server.js';

/**
 * For a design review: `npx tsx e2e/screenshots.ts [dir] [handle]` photographs the main pages at 375 and 1440 px,
 * light and dark, as one demo person sees them, on a fresh database.
 */
const dir = process.argv[2] ?? '/tmp/plein-shots';
const handle = process.argv[3] ?? 'fatima.elamrani';
mkdirSync(dir, { recursive: true });

const server = await startServer();
const browser = await launchBrowser();
try {
  const api = await signInAsDemo(server.url, handle);
  const feed = await api.get<{ items: { id: string; title: string; replyCount: number }[] }>('/api/v1/feed');
  const busiest = [...feed.items].sort((a, b) => b.replyCount - a.replyCount)[0]!;
  const mine = await api.get<{ items: { slug: string }[] }>('/api/v1/groups?member=me');
  const pages: [string, string][] = [
    ['home', '/'],
    ['thread', `/t/${busiest.id}`],
    ['community', `/g/${mine.items[0]?.slug ?? 'none'}`],
    ['communities', '/groups'],
    ['people', '/people'],
    ['profile', `/u/${handle}`],
    ['notifications', '/notifications'],
    ['settings', '/settings'],
    ['notfound', '/g/no-such-community'],
    ['new-community', '/groups/new'],
    ['members', `/g/${mine.items[0]?.slug ?? 'none'}/members`],
  ];
  for (const [size, device] of [
    ['1440', LAPTOP],
    ['375', PHONE],
  ] as const) {
    for (const dark of [false, true]) {
      const context = await newContext(browser, server.url, { ...device, language: 'en', dark });
      const page = await context.newPage();
      await page.goto('/login');
      await page.waitForSelector('.demo-person');
      await page.screenshot({
        path: join(dir, `login-${size}-${dark ? 'dark' : 'light'}.png`),
        fullPage: size === '1440',
      });
      await page
        .locator('.demo-person', { hasText: handle === 'fatima.elamrani' ? 'Fatima' : handle })
        .click();
      await page.waitForURL((url) => url.pathname === '/');
      for (const [name, path] of pages) {
        await page.goto(path);
        await settled(page);
        // A phone shows one screen at a time: photograph what a person sees first.
        await page.screenshot({
          path: join(dir, `${name}-${size}-${dark ? 'dark' : 'light'}.png`),
          fullPage: size === '1440' && name === 'thread',
        });
      }
      await context.close();
    }
  }
  process.stdout.write(`Screenshots in ${dir}\n`);
} finally {
  await browser.close();
  await server.stop();
}
