/** Friendly, deep-linkable URLs: /t/12-how-do-i-start, /g/sales, /u/jan.devries. */

/** A URL-safe, readable slug from a title: accents dropped, words joined by dashes, at most 60 characters. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export function threadPath(id: string, title = ''): string {
  const slug = slugify(title);
  return slug ? `/t/${id}-${slug}` : `/t/${id}`;
}

/** The thread id from the /t/:ref segment; null for anything that is not one. */
export function threadIdOf(ref: string | undefined): string | null {
  const match = /^([1-9][0-9]{0,18})(?:-.*)?$/.exec(ref ?? '');
  return match ? match[1]! : null;
}

export const communityPath = (slug: string) => `/g/${encodeURIComponent(slug)}`;
export const personPath = (handle: string) => `/u/${encodeURIComponent(handle)}`;
export const tagPath = (tag: string) => `/tags/${encodeURIComponent(tag)}`;
