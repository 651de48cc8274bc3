import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render.js';

describe('renderMarkdown', () => {
  it('renders Markdown and links known mentions and every hashtag', () => {
    const { html, mentions, hashtags } = renderMarkdown(
      '**Hi** @jan.devries and @ghost, see #Kubernetes!',
      new Set(['jan.devries']),
    );
    expect(html).toContain('<strong>Hi</strong>');
    expect(html).toContain('<a href="/u/jan.devries" class="mention">@jan.devries</a>');
    expect(html).toContain('@ghost');
    expect(html).not.toContain('/u/ghost');
    expect(html).toContain('<a href="/tags/kubernetes" class="hashtag">#Kubernetes</a>');
    expect(mentions).toEqual(['jan.devries', 'ghost']);
    expect(hashtags).toEqual(['kubernetes']);
  });

  it('ignores references in code, links, emails and numbers', () => {
    const { mentions, hashtags } = renderMarkdown(
      '`@code #code` mail jan@example.com, [#x](https://a.b/#y) issue #42\n\n    @block',
    );
    expect(mentions).toEqual([]);
    expect(hashtags).toEqual([]);
  });

  it('handles Dutch tags with diacritics and trailing punctuation', () => {
    const { hashtags, mentions } = renderMarkdown('Zie #overleg-één. En @piet.');
    expect(hashtags).toEqual(['overleg-één']);
    expect(mentions).toEqual(['piet']);
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="javascript:alert(1)">x</a>',
    '![x](javascript:alert(1))',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload=alert(1)>',
  ])('never lets script through: %s', (source) => {
    const tags = renderMarkdown(source).html.match(/<[a-z][^>]*>/gi) ?? [];
    for (const tag of tags) {
      expect(tag).toMatch(/^<(p|a|code|pre)[\s>]/);
      expect(tag).not.toMatch(/\son\w+=|javascript:|data:/i);
    }
  });

  it('marks outside links as external', () => {
    expect(renderMarkdown('https://example.com').html).toContain('rel="noopener noreferrer nofollow"');
  });
});
