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

describe('renderMarkdown keeps harmless content (issue 17, defect 8)', () => {
  it('keeps an image as its alt text, never as an <img> to an outside host', () => {
    const { html } = renderMarkdown(
      'Before ![The team at the *kick-off*](https://photos.example/team.jpg) after',
    );
    expect(html).toContain('<span class="image-alt">The team at the kick-off</span>');
    expect(html).toContain('Before');
    expect(html).toContain('after');
    expect(html).not.toMatch(/<img|photos\.example/);
  });

  it('keeps an image inside a link as the link text', () => {
    const { html } = renderMarkdown(
      '[![Build status](https://ci.example/badge.svg)](https://ci.example/build)',
    );
    expect(html).toMatch(
      /<a href="https:\/\/ci\.example\/build"[^>]*><span class="image-alt">Build status<\/span><\/a>/,
    );
    expect(html).not.toContain('<img');
  });

  it('escapes an image alt text that looks like markup', () => {
    const { html } = renderMarkdown('![<b onmouseover=alert(1)>x</b>](https://a.example/x.png)');
    expect(html).not.toMatch(/<b[\s>]|<[^>]*onmouseover/);
    expect(html).toContain('&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;');
  });

  it('keeps the href of mailto: and tel: links, without opening a new tab', () => {
    const { html } = renderMarkdown(
      '[Mail Jan](mailto:jan.devries@example.com) [Bel de servicedesk](tel:+31201234567) <mailto:help@example.com> help@example.org',
    );
    expect(html).toContain(
      '<a href="mailto:jan.devries@example.com" rel="noopener noreferrer nofollow">Mail Jan</a>',
    );
    expect(html).toContain(
      '<a href="tel:+31201234567" rel="noopener noreferrer nofollow">Bel de servicedesk</a>',
    );
    expect(html).toContain('href="mailto:help@example.com"');
    expect(html).toContain('href="mailto:help@example.org"');
  });

  it.each([
    ['#C++', 'c++', '/tags/c%2B%2B'],
    ['#C#', 'c#', '/tags/c%23'],
    ['#F#', 'f#', '/tags/f%23'],
    ['#.NET', '.net', '/tags/.net'],
    ['#ASP.NET', 'asp.net', '/tags/asp.net'],
    ['#node.js', 'node.js', '/tags/node.js'],
  ])('keeps the tag %s as %s', (written, tag, href) => {
    const { html, hashtags } = renderMarkdown(`We zoeken iemand met ${written}, graag.`);
    expect(hashtags).toEqual([tag]);
    expect(html).toContain(`<a href="${href}" class="hashtag">${written}</a>, graag.`);
  });

  it('never cuts a tag short: #C++ is not #c, and marks followed by more letters make no tag', () => {
    expect(renderMarkdown('#C++ en #C').hashtags).toEqual(['c++', 'c']);
    expect(renderMarkdown('#foo+bar #c#x #a++b').hashtags).toEqual([]);
    expect(renderMarkdown('Sentence ends with #kubernetes. Next #one-').hashtags).toEqual([
      'kubernetes',
      'one',
    ]);
    expect(renderMarkdown('#C+++ gives c++').hashtags).toEqual(['c++']);
    expect(renderMarkdown('#. and #.5 and #.-x').hashtags).toEqual([]);
  });

  it('leaves mentions as they were next to the new tag marks', () => {
    const { mentions, html } = renderMarkdown('@jan.devries++ and @piet#', new Set(['jan.devries', 'piet']));
    expect(mentions).toEqual(['jan.devries', 'piet']);
    expect(html).toContain('<a href="/u/jan.devries" class="mention">@jan.devries</a>++');
    expect(html).toContain('<a href="/u/piet" class="mention">@piet</a>#');
  });
});
