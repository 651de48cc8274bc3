import { renderMarkdown } from '../../../platform/markdown/render.js';
import { MENTION_TOKEN } from '../interchange.js';
import type { PersonFacts } from './repository.js';

const TAG = /^(?=.*\p{L})[\p{L}\p{N}_-]{1,50}$/u;

export type ImportedContent = {
  bodyMd: string;
  bodyHtml: string;
  mentionedIds: string[];
  hashtags: string[];
};

/** Every person a body mentions (their source ids), to look them up for a whole batch at once. */
export function mentionedSourceIds(body: string): string[] {
  return [...body.matchAll(MENTION_TOKEN)].map((match) => match[1]!);
}

/**
 * The body as Plein stores it: each `[[person:ID]]` becomes the person's @handle and a real mention (whatever
 * their status: imported people start deactivated), rendered once by the one renderer. A mention of someone not
 * in the source stays as plain text.
 */
export function prepareImported(
  body: string,
  people: Map<string, PersonFacts>,
  extraTags: readonly string[] = [],
): ImportedContent {
  const mentioned = new Map<string, string>();
  const bodyMd = body.replace(MENTION_TOKEN, (_token, id: string) => {
    const person = people.get(id);
    if (!person) return '@unknown';
    mentioned.set(person.handle, person.id);
    return `@${person.handle}`;
  });
  const rendered = renderMarkdown(bodyMd, new Set(mentioned.keys()));
  const tags = new Set(rendered.hashtags);
  for (const tag of extraTags) if (TAG.test(tag.toLowerCase())) tags.add(tag.toLowerCase());
  return {
    bodyMd,
    bodyHtml: rendered.html,
    mentionedIds: [...new Set(mentioned.values())],
    hashtags: [...tags].slice(0, 30),
  };
}
