import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, generateOrganisation } from '../../server/demo/generate.js';
import { renderMarkdown } from '../../server/platform/markdown/render.js';
import { fastHtml } from './fast-html.js';

describe('the bulk loader’s HTML', () => {
  it('is exactly what the Markdown renderer makes of every generated text', () => {
    const org = generateOrganisation({
      ...DEMO_DEFAULTS,
      people: 400,
      threads: 800,
      now: Date.UTC(2026, 2, 16),
    });
    let checked = 0;
    for (const thread of org.threads) {
      for (const body of [thread.body, ...thread.replies.map((r) => r.body)]) {
        expect(fastHtml(body), body).toBe(renderMarkdown(body).html);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('escapes what Markdown escapes and keeps code, breaks and paragraphs', () => {
    const text = 'A & B <c> `x<y` @jan.devries. #Lean\nnext line\n\n\nsecond';
    expect(fastHtml(text)).toBe(renderMarkdown(text).html);
  });
});
