/** What a preview shows, read from a page's Open Graph and plain meta tags. */
export type PageFacts = { title: string; description: string; siteName: string; imageUrl: string | null };

const META = /<meta\b[^>]*>/gi;
const ATTRIBUTE = /([a-z:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

export function extractPageFacts(html: string, pageUrl: string): PageFacts {
  const meta = new Map<string, string>();
  for (const [tag] of html.matchAll(META)) {
    const attributes = new Map<string, string>();
    for (const match of tag.matchAll(ATTRIBUTE)) {
      attributes.set(match[1]!.toLowerCase(), decode(match[3] ?? match[4] ?? match[5] ?? ''));
    }
    const key = (attributes.get('property') ?? attributes.get('name') ?? '').toLowerCase();
    const content = attributes.get('content');
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content.trim());
  }
  const title = meta.get('og:title') ?? decode(/<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] ?? '').trim();
  const image = meta.get('og:image') ?? meta.get('twitter:image') ?? null;
  return {
    title: clip(title, 200),
    description: clip(meta.get('og:description') ?? meta.get('description') ?? '', 500),
    siteName: clip(meta.get('og:site_name') ?? new URL(pageUrl).hostname, 100),
    imageUrl: image ? absolute(image, pageUrl) : null,
  };
}

function absolute(url: string, base: string): string | null {
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
  } catch {
    return null;
  }
}

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}
