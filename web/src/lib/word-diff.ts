export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

// Beyond this many cells the middle is shown as replaced whole: a browser must not stall on two long bodies.
const MAX_CELLS = 2_000_000;

/** Words and the spaces between them, so a diff keeps the text's own spacing and line breaks. */
const tokens = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];

/**
 * What changed from `before` to `after`, word by word: the common start and end are cut off first (an edit is
 * mostly local), the middle is a longest-common-subsequence diff.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start).join(''));
  const x = a.slice(start, a.length - end);
  const y = b.slice(start, b.length - end);
  if (x.length * y.length > MAX_CELLS) {
    push('removed', x.join(''));
    push('added', y.join(''));
  } else {
    // lengths[i][j]: the longest common subsequence of x[i..] and y[j..].
    const lengths = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
    for (let i = x.length - 1; i >= 0; i--)
      for (let j = y.length - 1; j >= 0; j--)
        lengths[i]![j] =
          x[i] === y[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        push('same', x[i++]!);
        j++;
      } else if (i < x.length && (j === y.length || lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) {
        // What went comes before what came in its place.
        push('removed', x[i++]!);
      } else {
        push('added', y[j++]!);
      }
    }
  }
  push('same', a.slice(a.length - end).join(''));
  return parts;
}
