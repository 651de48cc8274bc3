import { describe, expect, it } from 'vitest';
import { pack, xssVectors } from '../../../e2e/xss/vectors.js';
import { renderMarkdown } from './render.js';

/** What the sanitiser may emit: each tag with the attributes it may carry. */
const ALLOWED: Record<string, string[]> = {
  a: ['href', 'class', 'rel', 'target'],
  span: ['class'],
  ol: ['start'],
  th: ['style'],
  td: ['style'],
  ...Object.fromEntries(
    'p br hr strong em s code pre blockquote ul li h1 h2 h3 h4 h5 h6 table thead tbody tr'
      .split(' ')
      .map((tag) => [tag, []]),
  ),
};
/**
 * A link goes to a web, mail or phone address, or stays relative to Plein (never to another host). Read as a
 * browser reads it: leading and trailing controls and spaces dropped, tabs and newlines removed everywhere.
 */
function isSafeHref(value: string): boolean {
  const url = value.replace(/^[\p{Cc} ]+|[\p{Cc} ]+$/gu, '').replace(/[\t\n\r]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  if (scheme) return ['http', 'https', 'mailto', 'tel'].includes(scheme.toLowerCase());
  return !/^[/\\]{2}|^\/\\/.test(url);
}

const ATTRIBUTE_VALUES: Record<string, RegExp | ((value: string) => boolean)> = {
  href: isSafeHref,
  class: /^(mention|hashtag|image-alt)$/,
  rel: /^noopener noreferrer nofollow$/,
  target: /^_blank$/,
  start: /^\d+$/,
  style: /^text-align:(left|right|center);?$/,
};

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([a-zA-Z-]+)="([^"]*)"/g;
const decode = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

const accepts = (rule: RegExp | ((value: string) => boolean), value: string) =>
  typeof rule === 'function' ? rule(value) : rule.test(value);

/** Every way the rendered HTML breaks the allow-list; empty when it is safe. */
function violations(html: string): string[] {
  const found: string[] = [];
  const residue = html.replace(TAG, (_, _close, name: string, attributes: string) => {
    const tag = name.toLowerCase();
    const allowed = ALLOWED[tag];
    if (!allowed) found.push(`tag <${tag}>`);
    for (const [, attribute, raw] of attributes.matchAll(ATTRIBUTE)) {
      const key = attribute!.toLowerCase();
      const value = decode(raw!);
      if (!allowed?.includes(key)) found.push(`attribute ${key} on <${tag}>`);
      else if (!accepts(ATTRIBUTE_VALUES[key]!, value)) found.push(`${key}="${value}" on <${tag}>`);
    }
    return '';
  });
  // Text never holds a raw '<': anything left that looks like markup is markup the pattern above refused.
  if (residue.includes('<')) found.push(`raw markup left: ${residue.slice(residue.indexOf('<'), 80)}`);
  return found;
}

const vectors = xssVectors();

describe('the stored-XSS corpus through the one renderer', () => {
  it('is a few hundred distinct vectors from every family', () => {
    expect(vectors.length).toBeGreaterThan(900);
    expect(new Set(vectors.map((v) => v.source)).size).toBe(vectors.length);
    expect(new Set(vectors.map((v) => v.family)).size).toBeGreaterThanOrEqual(10);
  });

  it('the checker itself catches what it must', () => {
    expect(violations('<p><img src="x" onerror="a()"></p>')).not.toEqual([]);
    expect(violations('<a href="javascript:a()">x</a>')).not.toEqual([]);
    expect(violations('<a href="&#106;avascript:a()">x</a>')).not.toEqual([]);
    expect(violations('<a href=" java&#x09;script:a()">x</a>')).not.toEqual([]);
    expect(violations('<a href="//evil.example/">x</a>')).not.toEqual([]);
    expect(violations('<a href="java%09script:a()">relative, harmless</a>')).toEqual([]);
    expect(violations('<td style="background:url(x)">x</td>')).not.toEqual([]);
    expect(violations('<p onclick="a()">x</p>')).not.toEqual([]);
    expect(violations('<p>x<script>a()</script></p>')).not.toEqual([]);
    expect(violations('<p>a &lt;b&gt; <a href="/tags/c%2B%2B" class="hashtag">#c++</a></p>')).toEqual([]);
  });

  it('renders every vector alone into HTML within the allow-list', () => {
    const failures = vectors
      .map((vector) => ({ vector, problems: violations(renderMarkdown(vector.source).html) }))
      .filter(({ problems }) => problems.length > 0)
      .map(
        ({ vector, problems }) =>
          `#${vector.id} ${vector.family}: ${JSON.stringify(vector.source)} → ${problems}`,
      );
    expect(failures).toEqual([]);
  });

  it('renders the vectors packed together, as the browser test stores them, within the allow-list', () => {
    for (const { text, ids } of pack(vectors, 6_000, '\n\n')) {
      expect(violations(renderMarkdown(text).html), `vectors ${ids[0]}–${ids.at(-1)}`).toEqual([]);
    }
  });
});
