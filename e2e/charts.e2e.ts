import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photographOnFailure,
  seen,
  settled,
  watchProblems,
} from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Every pair of texts in a page's charts that cover each other (legend over dates, an axis's "0%" over the first
 * date, rotated labels over the colour scale), and every date still written the machine's way ("2026-09-20").
 * Texts are compared as the rotated rectangles they are on screen, so tilted labels count only where they touch.
 */
function chartTextProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Point = [number, number];
    const corners = (text: SVGTextElement): Point[] => {
      const box = text.getBBox();
      const m = text.getScreenCTM()!;
      const at = (x: number, y: number): Point => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
      const right = box.x + box.width;
      const bottom = box.y + box.height;
      return [at(box.x, box.y), at(right, box.y), at(right, bottom), at(box.x, bottom)];
    };
    // Two convex shapes are apart when some edge's normal separates them (a pixel of touching allowed).
    const apart = (p: Point[], q: Point[]) =>
      [p, q].some((shape) =>
        shape.some(([x1, y1], i) => {
          const [x2, y2] = shape[(i + 1) % shape.length]!;
          const normal: Point = [y2 - y1, x1 - x2];
          const length = Math.hypot(...normal) || 1;
          const project = (points: Point[]) =>
            points.map(([x, y]) => (x * normal[0] + y * normal[1]) / length);
          const a = project(p);
          const b = project(q);
          return Math.max(...a) <= Math.min(...b) + 1 || Math.max(...b) <= Math.min(...a) + 1;
        }),
      );
    const problems: string[] = [];
    for (const [n, svg] of [...document.querySelectorAll('figure.chart svg, .health-panel svg')].entries()) {
      const texts = [...svg.querySelectorAll('text')]
        .filter((text) => text.textContent?.trim() && text.getBBox().width > 0)
        .map((text) => ({ words: text.textContent!, corners: corners(text) }));
      for (const [i, a] of texts.entries()) {
        if (/^\d{4}-\d{2}(-\d{2})?$/.test(a.words))
          problems.push(`chart ${n}: "${a.words}" is not in the page's language`);
        for (const b of texts.slice(i + 1)) {
          if (!apart(a.corners, b.corners)) problems.push(`chart ${n}: "${a.words}" covers "${b.words}"`);
        }
      }
    }
    return problems;
  });
}

describe('charts read cleanly in both languages, on a laptop and on a phone', () => {
  it.each([
    ['nl', '1440', LAPTOP],
    ['nl', '375', PHONE],
    ['en', '1440', LAPTOP],
    ['en', '375', PHONE],
  ] as const)(
    '%s at %s px: no text in a chart covers another, and dates are written in the language',
    async (language, size, device) => {
      const context = await newContext(browser, baseUrl, { ...device, language });
      const problems = watchProblems(context);
      const page = await context.newPage();
      try {
        await photographOnFailure([page], `charts-${language}-${size}`, async () => {
          await page.goto('/login');
          await page.locator('.demo-person', { hasText: 'Eva' }).first().click();
          await page.waitForURL((url) => url.pathname === '/');
          const goals = (await (await page.request.get('/api/v1/goals')).json()) as {
            items: { id: string }[];
          };
          const pages = [
            ...goals.items.map((goal) => `/goals/${goal.id}`),
            '/analytics',
            '/g/klantenservice-nl',
          ];
          for (const path of pages) {
            await page.goto(path);
            await settled(page);
            await seen(page.locator('figure.chart svg text, .health-panel svg text'));
            // Charts lay out once their data and fonts are in: ask until the answer holds.
            await expect.poll(() => chartTextProblems(page), { timeout: 20_000 }).toEqual([]);
          }
          // A heatmap too wide for a phone scrolls inside its own box, never the page.
          const widths = await page.evaluate(() => ({
            page: document.documentElement.scrollWidth,
            view: innerWidth,
          }));
          expect(widths.page).toBeLessThanOrEqual(widths.view);
        });
        expect(problems, 'failing requests and console errors').toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
