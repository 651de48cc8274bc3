/** The characters a handle is made of (`jan.devries`, `an-sofie_2`). */
const HANDLE_CHAR = /[\p{L}\p{N}._-]/u;
/** "@" followed by what is typed so far, right before the caret, at the start of a word (not `jan@example.com`). */
const MENTION = /(?:^|[\s(])@([\p{L}\p{N}._-]{1,40})$/u;

export type MentionQuery = {
  /** What follows the "@" up to the caret: what to look people up by. */
  query: string;
  /** Where the "@" is. */
  start: number;
  /** Where the handle being typed ends: the caret, or further when the caret is inside a word. */
  end: number;
};

/** Which @mention, if any, is being typed at the caret. */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const at = Math.max(0, Math.min(caret, text.length));
  const match = MENTION.exec(text.slice(0, at));
  if (!match) return null;
  const query = match[1]!;
  let end = at;
  while (end < text.length && HANDLE_CHAR.test(text[end]!)) end++;
  return { query, start: at - query.length - 1, end };
}

/**
 * The text with the mention replaced by `@handle` and a space, and where the caret goes: right after that space.
 * A space already there is reused rather than doubled.
 */
export function insertMention(
  text: string,
  mention: Pick<MentionQuery, 'start' | 'end'>,
  handle: string,
): { text: string; caret: number } {
  const before = text.slice(0, mention.start);
  const after = text.slice(mention.end);
  const spaced = /^\s/.test(after) ? after : ` ${after}`;
  return { text: `${before}@${handle}${spaced}`, caret: before.length + handle.length + 2 };
}
