import type { ContentFilters } from '../../../contract/moderation.js';

export type Verdict = { action: 'pass' | 'hold' | 'block'; matches: string[] };

/** Lower case without diacritics: "Idióót" and "idioot" are one word; the Dutch ĳ ligature becomes "ij". */
export const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('nl');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A whole word or phrase: no letter or digit may touch it on either side, so "Scunthorpe" holds no shorter word. */
function wordPattern(term: string): RegExp {
  const phrase = fold(term).trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${phrase}(?![\\p{L}\\p{N}_])`, 'u');
}

// Hosts of links written with a scheme or www., and bare domain names in running text.
const SCHEME_HOST = /\b(?:https?:\/\/|www\.)([\p{L}\p{N}.-]+)/giu;
const BARE_DOMAIN = /(?<![\p{L}\p{N}@.-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\p{L}\p{N}-])/gu;

/** Every host a text links to or names, lower case. */
export function hostsIn(text: string): Set<string> {
  const folded = fold(text);
  const hosts = new Set<string>();
  for (const match of folded.matchAll(SCHEME_HOST))
    hosts.add(match[1]!.replace(/^www\./, '').replace(/\.+$/, ''));
  for (const match of folded.matchAll(BARE_DOMAIN)) hosts.add(match[1]!.replace(/^www\./, ''));
  return hosts;
}

const onDomain = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** What the organisation's filters say of a post's texts: block wins over hold; the matches say why. */
export function screen(filters: ContentFilters, texts: string[]): Verdict {
  const text = fold(texts.join('\n'));
  const hosts = hostsIn(texts.join('\n'));
  const hits: { term: string; action: 'block' | 'hold' }[] = [];
  for (const word of filters.words) {
    if (wordPattern(word.term).test(text)) hits.push({ term: word.term, action: word.action });
  }
  for (const { domain, action } of filters.domains) {
    if ([...hosts].some((host) => onDomain(host, domain))) hits.push({ term: domain, action });
  }
  if (hits.length === 0) return { action: 'pass', matches: [] };
  const action = hits.some((hit) => hit.action === 'block') ? 'block' : 'hold';
  return { action, matches: hits.filter((hit) => hit.action === action).map((hit) => hit.term) };
}
