/** A readable handle or slug from a name or an address: lower-case ASCII, separators kept, made unique. */
export function baseName(text: string, kind: 'handle' | 'slug'): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const cleaned =
    kind === 'handle'
      ? ascii
          .replace(/\s+/g, '.')
          .replace(/[^a-z0-9._-]/g, '')
          .replace(/[._-]{2,}/g, '.')
      : ascii.replace(/[^a-z0-9]+/g, '-');
  const trimmed = cleaned.replace(/^[._-]+|[._-]+$/g, '').slice(0, kind === 'handle' ? 34 : 54);
  const base = trimmed.replace(/[._-]+$/, '');
  const fallback = kind === 'handle' ? 'person' : 'community';
  if (base.length === 0) return fallback;
  return base.length < 2 ? `${base}0` : base;
}

/** The first free name of base, base2, base3… given the names taken (lower-case); takes it. */
export function claimName(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

const TITLE_WORDS = 10;
const TITLE_CHARS = 80;

/** A title from the first words of a body (Markdown marks stripped), for sources that have none. */
export function inventTitle(body: string): string {
  const text = body
    .replace(/^#{1,6}\s/gm, ' ')
    .replace(/[*_`>[\]()!~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return '…';
  const words = text.split(' ');
  let title = words.slice(0, TITLE_WORDS).join(' ');
  if (title.length > TITLE_CHARS) title = title.slice(0, TITLE_CHARS).trimEnd();
  return title.length < text.length ? `${title}…` : title;
}
