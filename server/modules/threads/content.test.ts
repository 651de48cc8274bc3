import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { excerptOf } from './content.js';

describe('excerptOf', () => {
  it('turns rendered HTML into one line of plain text, decoding entities', () => {
    const html = renderMarkdown('# Plan\n\nWe **ship** `a < b` & more.\n\n- one\n- two').html;
    expect(excerptOf(html)).toBe('Plan We ship a < b & more. one two');
    expect(excerptOf('<p>caf&#233; &#x1F600; &nbsp;&quot;x&quot; &bogus;</p>')).toBe('café 😀 "x" &bogus;');
  });

  it('cuts at 300 characters (counting emoji as one) with an ellipsis', () => {
    const long = excerptOf(`<p>${'😀'.repeat(400)}</p>`);
    expect([...long]).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
    expect(excerptOf('<p>short</p>')).toBe('short');
  });
});
