import sanitizeHtml from 'sanitize-html';

/**
 * A post's stored (already sanitised) HTML made fit for mail: links absolute and to http(s) or mailto only, no
 * images at all (a remote image is a read receipt; its alt text stays), nothing active — mail clients differ in
 * what they block, so nothing is left for them to decide.
 */
export function mailSafeHtml(storedHtml: string, publicUrl: string): string {
  return sanitizeHtml(storedHtml, {
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
      'del',
    ],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { href: absolute(attribs.href ?? '', publicUrl) } }),
      img: (_tagName, attribs) => ({ tagName: 'span', attribs: {}, text: attribs.alt ?? '' }),
    },
  });
}

const absolute = (href: string, publicUrl: string) =>
  href.startsWith('/') && !href.startsWith('//') ? `${publicUrl}${href}` : href;

/** Plain text of stored HTML, for the text part: paragraphs kept apart, entities decoded. */
export function plainText(storedHtml: string): string {
  const withBreaks = storedHtml
    .replace(/<\/(p|li|h[1-6]|blockquote|pre|tr)>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
  nbsp: ' ',
};
const decodeEntities = (text: string) =>
  text.replace(
    /&(#?\w+);/g,
    (whole, name: string) =>
      ENTITIES[name] ??
      (name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1).replace(/^x/, '0x'))) : whole),
  );

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
