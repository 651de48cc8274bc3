import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import sanitizeHtml from 'sanitize-html';
import { ATTACHMENT_URL } from '../../../contract/attachments.js';
import { TAG_PATTERN } from '../../../contract/threads.js';
import { ownImages } from './images.js';

export type Rendered = { html: string; mentions: string[]; hashtags: string[] };

/**
 * A mention or tag starts a word: not inside an email address, a URL fragment or another word. Its name is
 * letters, digits and '_', with '.' and '-' inside (a trailing '.' or '-' ends the sentence, not the name).
 * The rule for tags: a tag may also start with '.' (#.NET) and end in '+', '++' or '#' (#C++, #C#, #F#), so a
 * language keeps its name; when such marks run on into more letters or digits (#foo+bar, #c#x) the word is no
 * tag at all rather than a shorter one. Tags are lower-cased; the contract's Tag accepts exactly these.
 */
const REFERENCE =
  /(^|[^\p{L}\p{N}_@#./&+-])([@#])(\.?[\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?)(\+{1,2}|#)?([\p{L}\p{N}_]?)/gu;
const HANDLE = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

type Env = { knownHandles: Set<string> | null; mentions: Set<string>; hashtags: Set<string> };

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
markdown.core.ruler.push('plein_references', (state) => {
  const env = state.env as Env;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const children = block.children;
    let insideLink = 0;
    const out: Token[] = [];
    for (let i = 0; i < children.length; i++) {
      const token = children[i]!;
      const tag = insideLink === 0 ? linkifiedTag(state.Token, out, token, children[i + 1], env) : null;
      if (tag) {
        out.push(...tag);
        i += 2; // the link's text and its close
        continue;
      }
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

/** Plein's own uploads show as images (images.ts decides); any other image stays out, its alt text in, as text. */
const renderImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  if (ATTACHMENT_URL.test(tokens[index]!.attrGet('src') ?? '')) {
    return renderImage(tokens, index, options, env, self);
  }
  const alt = self.renderInlineAsText(tokens[index]!.children ?? [], options, env);
  return alt ? `<span class="image-alt">${markdown.utils.escapeHtml(alt)}</span>` : '';
};

const referenceTokens = (
  TokenClass: typeof Token,
  text: string,
  link: { href: string; className: string },
) => {
  const open = new TokenClass('link_open', 'a', 1);
  open.attrs = [
    ['href', link.href],
    ['class', link.className],
  ];
  const content = Object.assign(new TokenClass('text', '', 0), { content: text });
  return [open, content, new TokenClass('link_close', 'a', -1)];
};

/**
 * "#asp.net" reads as a domain to linkify; right after a '#' that starts a word it is meant as a tag, so the
 * automatic link becomes the tag's link. Null when the token is anything else.
 */
function linkifiedTag(
  TokenClass: typeof Token,
  out: Token[],
  token: Token,
  next: Token | undefined,
  env: Env,
) {
  if (token.type !== 'link_open' || token.markup !== 'linkify' || next?.type !== 'text') return null;
  const before = out[out.length - 1];
  if (before?.type !== 'text' || !/(^|[^\p{L}\p{N}_@#./&+-])#$/u.test(before.content)) return null;
  if (!/^\.?[\p{L}\p{N}_]/u.test(next.content)) return null;
  const link = referenceLink('#', next.content, env);
  if (!link) return null;
  before.content = before.content.slice(0, -1);
  return referenceTokens(TokenClass, `#${next.content}`, link);
}

function splitReferences(TokenClass: typeof Token, text: string, env: Env): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const textToken = (content: string) => Object.assign(new TokenClass('text', '', 0), { content });
  for (const match of text.matchAll(REFERENCE)) {
    const [, lead, sigil, word, marks = '', runOn] = match;
    // Marks belong to a tag only where the word ends with them; a mention never has them.
    if (sigil === '#' && marks && runOn) continue;
    const name = sigil === '#' ? word + marks : word!;
    const start = match.index! + lead!.length;
    const link = referenceLink(sigil!, name, env);
    if (!link) continue;
    if (start > last) tokens.push(textToken(text.slice(last, start)));
    tokens.push(...referenceTokens(TokenClass, `${sigil}${name}`, link));
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
  if (!TAG_PATTERN.test(tag)) return null;
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
    'span',
    ...ownImages.allowedTags,
  ],
  allowedAttributes: {
    a: ['href', 'class', 'rel', 'target'],
    span: ['class'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    ...ownImages.allowedAttributes,
  },
  allowedClasses: { a: ['mention', 'hashtag'], span: ['image-alt'] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    img: ownImages.transformImg,
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      if (href.startsWith('/')) return { tagName, attribs };
      const external = { ...attribs, rel: 'noopener noreferrer nofollow' };
      // A web page opens beside Plein; mail and phone links hand over to their own app.
      return {
        tagName,
        attribs: /^(mailto|tel):/i.test(href) ? external : { ...external, target: '_blank' },
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
