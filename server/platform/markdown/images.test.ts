import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render.js';

describe('images in Markdown', () => {
  it("shows Plein's own uploads inline, lazily, with their alt text", () => {
    const { html } = renderMarkdown('![The new office](/api/v1/attachments/42/content?size=web)');
    expect(html).toContain(
      '<img src="/api/v1/attachments/42/content?size=web" alt="The new office" loading="lazy" />',
    );
  });

  it.each([
    'https://tracker.example/pixel.png',
    '//tracker.example/pixel.png',
    '/api/v1/attachments/42/content?size=web&x=1',
    '/api/v1/attachments/42/content/../../people',
    'data:image/svg+xml;base64,PHN2Zy8+',
    'javascript:alert(1)',
  ])('never lets %s in as an image, keeping its alt text', (src) => {
    const { html } = renderMarkdown(`![a chart](${src})`);
    expect(html).not.toContain('<img');
    expect(html).toContain('a chart');
  });

  it('drops an img written as HTML, whatever its src', () => {
    const { html } = renderMarkdown('<img src="/api/v1/attachments/1/content" onerror="alert(1)">');
    expect(html).not.toContain('<img');
  });
});
