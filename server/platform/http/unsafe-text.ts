/** A string or key in a request that PostgreSQL could not store, and where it is ("title", "members.0.name"). */
export type UnsafeText = { field: string; message: string };

// With the u flag a well-formed surrogate pair is one code point, so \p{Surrogate} matches only unpaired halves.
const LONE_SURROGATE = /\p{Surrogate}/u;
const LONE_SURROGATES = /\p{Surrogate}/gu;

/** Why a text is refused: PostgreSQL refuses NUL in text and jsonb, and an unpaired surrogate breaks jsonb. */
export function unsafeTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text))
    return 'must not contain an unpaired UTF-16 surrogate (not valid Unicode text)';
  return null;
}

/** Where a value sits: a chain to its parent, so deep nesting costs no copying of paths. */
type Place = { key: string; parent: Place | null } | null;

const pathOf = (place: Place): string[] => {
  const path: string[] = [];
  for (let at = place; at; at = at.parent) path.unshift(at.key);
  return path;
};

const printable = (key: string) => key.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');

/**
 * The first unstorable string or key in a parsed request part (body, query or params), whatever the contract
 * says of it. Walks without recursion: how deep a body nests is the sender's choice.
 */
export function findUnsafeText(value: unknown): UnsafeText | null {
  const pending: { value: unknown; place: Place }[] = [{ value, place: null }];
  while (pending.length > 0) {
    const { value: current, place } = pending.pop()!;
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason) return { field: pathOf(place).join('.') || 'request', message: reason };
    } else if (current !== null && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current)) {
        const keyReason = unsafeTextReason(key);
        if (keyReason) return { field: [...pathOf(place), printable(key)].join('.'), message: keyReason };
        pending.push({ value: inner, place: { key, parent: place } });
      }
    }
  }
  return null;
}
