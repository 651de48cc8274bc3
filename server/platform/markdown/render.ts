import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import sanitizeHtml from 'sanitize-html';
import { ownImages } from './images.js';

export type Rendered = { html: string; mentions: string[]; hashtags: string[] };

// A mention or tag starts a word: not inside an email address, a URL fragment or another word.
const REFERENCE = /(^|[^\p{L}\p{N}_@#./&-])([@#])([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?)/gu;
const HANDLE = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;
const TAG = /^(?=.*\p{L})[\p{L}\p{N}_-]{1,50}$/u;

type Env = { knownHandles: Set<string> | null; mentions: Set<string>; hashtags: Set<string> };

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
markdown.core.ruler.push('plein_references', (state) => {
  const env = state.env as Env;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let insideLink = 0;
    const out: Token[] = [];
    for (const token of block.children) {
      if (token.type === 'link_open') insideLink++;
      if (token.type === 'link_close') insideLink--;
      if (token.type !== 'text' || insideLink > 0) {
        out.push(token);
        continue;
      }
      out.push(...splitReferences(state.Token, token.content, env));
    }
    block.children = out;
  }
});

function splitReferences(TokenClass: typeof Token, text: string, env: Env): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const textToken = (content: string) => Object.assign(new TokenClass('text', '', 0), { content });
  for (const match of text.matchAll(REFERENCE)) {
    const [, lead, sigil, raw] = match;
    const name = raw!.replace(/[.-]+$/, '');
    const start = match.index! + lead!.length;
    const link = referenceLink(sigil!, name, env);
    if (!link) continue;
    if (start > last) tokens.push(textToken(text.slice(last, start)));
    const open = new TokenClass('link_open', 'a', 1);
    open.attrs = [
      ['href', link.href],
      ['class', link.className],
    ];
    tokens.push(open, textToken(`${sigil}${name}`), new TokenClass('link_close', 'a', -1));
    last = start + 1 + name.length;
  }
  if (last < text.length) tokens.push(textToken(text.slice(last)));
  return tokens;
}

function referenceLink(sigil: string, name: string, env: Env) {
  if (sigil === '@') {
    const handle = name.toLowerCase();
    if (!HANDLE.test(handle)) return null;
    env.mentions.add(handle);
    if (env.knownHandles && !env.knownHandles.has(handle)) return null;
    return { href: `/u/${encodeURIComponent(handle)}`, className: 'mention' };
  }
  const tag = name.toLowerCase();
  if (!TAG.test(tag)) return null;
  env.hashtags.add(tag);
  return { href: `/tags/${encodeURIComponent(tag)}`, className: 'hashtag' };
}

// The allow-list: what Markdown produces, nothing more; links keep only safe schemes.
const allowList: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    ...ownImages.allowedTags,
  ],
  allowedAttributes: {
    a: ['href', 'class', 'rel', 'target'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    ...ownImages.allowedAttributes,
  },
  allowedClasses: { a: ['mention', 'hashtag'] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    img: ownImages.transformImg,
    a: (tagName, attribs) => {
      const internal = attribs.href?.startsWith('/') ?? false;
      return {
        tagName,
        attribs: internal ? attribs : { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
      };
    },
  },
};

/**
 * The one Markdown renderer: Markdown source → sanitised HTML, plus the @handles and #tags it holds.
 * Given knownHandles, only those become mention links; the rest stay text.
 */
export function renderMarkdown(source: string, knownHandles: Set<string> | null = null): Rendered {
  const env: Env = { knownHandles, mentions: new Set(), hashtags: new Set() };
  const html = sanitizeHtml(markdown.render(source, env), allowList);
  return { html, mentions: [...env.mentions], hashtags: [...env.hashtags] };
}

/** The @handles and #tags a text refers to, without rendering it for keeps. */
export function extractReferences(source: string): { mentions: string[]; hashtags: string[] } {
  const { mentions, hashtags } = renderMarkdown(source);
  return { mentions, hashtags };
}
