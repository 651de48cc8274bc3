import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff.js';

describe('wordDiff', () => {
  it('marks the words removed and added, keeping the rest and its spacing', () => {
    expect(wordDiff('We meet on Monday at ten.', 'We meet on Tuesday at ten.')).toEqual([
      { kind: 'same', text: 'We meet on ' },
      { kind: 'removed', text: 'Monday' },
      { kind: 'added', text: 'Tuesday' },
      { kind: 'same', text: ' at ten.' },
    ]);
    expect(wordDiff('a b', 'a x b\nc')).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'added', text: 'x ' },
      { kind: 'same', text: 'b' },
      { kind: 'added', text: '\nc' },
    ]);
  });

  it('gives back both texts whole: the same parts plus the removed ones are the old text, plus the added the new', () => {
    const before = 'De vergadering is verplaatst naar dinsdag, zaal 3.';
    const after = 'The meeting moved to Tuesday, room 3 — see you there.';
    const parts = wordDiff(before, after);
    const join = (kinds: string[]) =>
      parts
        .filter((p) => kinds.includes(p.kind))
        .map((p) => p.text)
        .join('');
    expect(join(['same', 'removed'])).toBe(before);
    expect(join(['same', 'added'])).toBe(after);
    expect(wordDiff('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
  });

  it('shows a long middle replaced whole instead of comparing every word with every other', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `old${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `new${i}`).join(' ');
    expect(wordDiff(`Start ${before} end`, `Start ${after} end`)).toEqual([
      { kind: 'same', text: 'Start ' },
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
      { kind: 'same', text: ' end' },
    ]);
  });
});
