/** A friendly URL slug from a community's name: "Sales & Marketing NL" → "sales-marketing-nl". */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents go, their letters stay: "Café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  if (base.length >= 2) return base;
  return base ? `${base}-group` : 'group';
}

/** The n-th candidate for a free slug: the base, then base-2, base-3 … */
export const slugCandidate = (base: string, n: number) => (n === 1 ? base : `${base}-${n}`);
