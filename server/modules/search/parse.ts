/**
 * Web-search syntax, parsed here so each word can match both the organisation's language (stems) and 'simple'
 * (exact forms): words, "a phrase", OR between two terms, -word or -"phrase" to exclude. The last bare word
 * also matches as a prefix unless the text ends in a space (the person is still typing it).
 */
export type Term = { text: string; phrase: boolean; negated: boolean; prefix: boolean };
/** Every group must match; a group matches when any of its terms does. */
export type ParsedSearch = { groups: Term[][]; words: string[] };

export const MAX_TERMS = 20;

export class SearchSyntaxError extends Error {}

export function parseSearch(input: string, options: { prefix?: boolean } = {}): ParsedSearch {
  const tokens: (Term | 'OR')[] = [];
  const pattern = /(-?)"([^"]*)"?|(\S+)/g;
  for (const match of input.matchAll(pattern)) {
    const [, minus, quoted, bare] = match;
    if (quoted !== undefined) {
      const text = quoted.trim();
      if (text) tokens.push({ text, phrase: true, negated: minus === '-', prefix: false });
    } else if (bare === 'OR') {
      tokens.push('OR');
    } else if (bare) {
      const negated = bare.startsWith('-') && bare.length > 1;
      const text = negated ? bare.slice(1) : bare;
      if (/[\p{L}\p{N}]/u.test(text)) tokens.push({ text, phrase: false, negated, prefix: false });
    }
  }
  const terms = tokens.filter((token): token is Term => token !== 'OR');
  if (terms.length > MAX_TERMS) throw new SearchSyntaxError(`use at most ${MAX_TERMS} words or phrases`);
  const last = terms[terms.length - 1];
  if ((options.prefix ?? true) && last && !last.phrase && !last.negated && !/\s$/.test(input)) {
    last.prefix = true;
  }
  const groups: Term[][] = [];
  let joinNext = false;
  for (const token of tokens) {
    if (token === 'OR') {
      joinNext = groups.length > 0;
      continue;
    }
    const previous = groups[groups.length - 1];
    // OR joins two positive terms; an excluded term always stands alone.
    if (joinNext && previous && !token.negated && !previous.some((term) => term.negated))
      previous.push(token);
    else groups.push([token]);
    joinNext = false;
  }
  const words = terms.filter((term) => !term.negated).map((term) => term.text.toLowerCase());
  return { groups, words };
}

/** The tsquery fragments PostgreSQL made of one term, in the organisation's language and in 'simple'. */
export type Fragments = { config: string; simple: string };

const singleLexeme = /^'(?:[^']|'')*'$/;

/**
 * Combines per-term fragments into one tsquery text. A word that is a stop word in the organisation's language
 * ("de", "the") is dropped rather than required; null when nothing is left to look for.
 */
export function composeQuery(groups: Term[][], fragments: Map<Term, Fragments>): string | null {
  const termQuery = (term: Term, allowStopWords: boolean): string | null => {
    const found = fragments.get(term);
    if (!found) return null;
    // The language form and the exact form are often the same word: ask the index once.
    const parts = [...new Set([found.config, found.simple].filter(Boolean))];
    if (!found.config && !term.phrase && !allowStopWords) return null;
    if (parts.length === 0) return null;
    const withPrefix = parts.map((part) => (term.prefix && singleLexeme.test(part) ? `${part}:*` : part));
    const either = withPrefix.length === 1 ? `(${withPrefix[0]})` : `(${withPrefix.join(' | ')})`;
    return term.negated ? `!${either}` : either;
  };
  const build = (allowStopWords: boolean) => {
    const clauses = groups
      .map((group) => group.map((term) => termQuery(term, allowStopWords)).filter((q): q is string => !!q))
      .filter((parts) => parts.length > 0)
      .map((parts) => (parts.length === 1 ? parts[0]! : `(${parts.join(' | ')})`));
    return clauses.some((clause) => !clause.startsWith('!')) ? clauses.join(' & ') : null;
  };
  // Only stop words ("de", "the and"): look for them as written rather than find nothing.
  return build(false) ?? build(true);
}

/** True when the search asks for nothing but exclusions, which would have to read every post. */
export const onlyExclusions = (parsed: ParsedSearch) =>
  parsed.groups.length > 0 && parsed.groups.every((group) => group.every((term) => term.negated));

/** Letters a misspelt word most likely still starts with: the typo fallback matches words by this prefix. */
const FUZZY_PREFIX = 4;

/**
 * The typo fallback when nothing matched exactly: any word that starts like one of the searched words ("printr"
 * → "prin…"), to be ranked by how closely titles resemble the search. Null when no word is long enough.
 */
export function fuzzyGroups(parsed: ParsedSearch): Term[][] | null {
  const words = parsed.groups
    .flat()
    .filter((term) => !term.negated && !term.phrase && [...term.text].length > FUZZY_PREFIX)
    .map((term) => ({
      text: [...term.text].slice(0, FUZZY_PREFIX).join(''),
      phrase: false,
      negated: false,
      prefix: true,
    }));
  return words.length > 0 ? [words] : null;
}
