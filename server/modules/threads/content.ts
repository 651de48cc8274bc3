import type { Queryable } from '../../platform/db/database.js';
import { extractReferences, renderMarkdown } from '../../platform/markdown/render.js';
import { activePeopleByHandles } from './content-repository.js';

// A post may name many people or tags; past these it is a broadcast, not a conversation.
const MAX_MENTIONS = 50;
const MAX_HASHTAGS = 30;

export type PreparedContent = {
  bodyMd: string;
  bodyHtml: string;
  /** Active people the text mentions (not those in code or links). */
  mentionedIds: string[];
  hashtags: string[];
};

/** Renders a body once, at write time: only handles of active people become mention links. */
export async function prepareContent(db: Queryable, body: string): Promise<PreparedContent> {
  const references = extractReferences(body);
  const people = await activePeopleByHandles(db, references.mentions.slice(0, MAX_MENTIONS));
  const rendered = renderMarkdown(body, new Set(people.map((person) => person.handle)));
  return {
    bodyMd: body,
    bodyHtml: rendered.html,
    mentionedIds: people.map((person) => person.id),
    hashtags: rendered.hashtags.slice(0, MAX_HASHTAGS),
  };
}

/** Plain text from sanitised HTML: tags dropped, entities decoded, cut to `max` characters. */
export function excerptOf(html: string, max = 300): string {
  const text = html
    // Block ends separate words; inline tags (strong, a, code) sit inside them.
    .replace(/<(br|hr|\/(p|li|h[1-6]|blockquote|pre|tr|td|th))\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, decodeEntity)
    .replace(/\s+/g, ' ')
    .trim();
  // Fewer UTF-16 units than the cut means fewer characters too: most posts need no splitting.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', nbsp: ' ' };

function decodeEntity(entity: string, name: string): string {
  if (name[0] !== '#') return named[name.toLowerCase()] ?? entity;
  const code =
    name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}
