import { describe, expect, it } from 'vitest';
import { insertMention, mentionQuery } from './mention-query.js';

describe('mentionQuery: which @mention is being typed at the caret', () => {
  it('finds an @query at the very start of the text', () => {
    expect(mentionQuery('@ja', 3)).toEqual({ query: 'ja', start: 0, end: 3 });
  });

  it('finds one after a space, a newline or an opening parenthesis', () => {
    expect(mentionQuery('hello @pi', 9)?.query).toBe('pi');
    expect(mentionQuery('first line\n@an', 14)).toEqual({ query: 'an', start: 11, end: 14 });
    expect(mentionQuery('(cc @mar', 8)?.query).toBe('mar');
  });

  it('takes a handle with dots, dashes and underscores, and letters beyond ASCII', () => {
    expect(mentionQuery('thanks @jan.de', 14)?.query).toBe('jan.de');
    expect(mentionQuery('@an-sofie_2', 11)?.query).toBe('an-sofie_2');
    expect(mentionQuery('@zoë', 4)?.query).toBe('zoë');
  });

  it('does not take an e-mail address for a mention', () => {
    expect(mentionQuery('write to jan@example', 20)).toBeNull();
    expect(mentionQuery('jan@ex', 6)).toBeNull();
  });

  it('needs at least one character after the @, and stops at a space', () => {
    expect(mentionQuery('hi @', 4)).toBeNull();
    expect(mentionQuery('hi @jan ', 8)).toBeNull();
    expect(mentionQuery('', 0)).toBeNull();
  });

  it('looks only before the caret: a caret in the middle of a word queries what precedes it', () => {
    const text = 'hi @jansen, welcome';
    expect(mentionQuery(text, 6)).toEqual({ query: 'ja', start: 3, end: 10 });
    // Caret before the "@": nothing is being typed.
    expect(mentionQuery(text, 3)).toBeNull();
    // Caret after the word: the comma ended it.
    expect(mentionQuery(text, 11)).toBeNull();
  });

  it('finds only the last @ before the caret', () => {
    expect(mentionQuery('@an and @pie', 12)).toEqual({ query: 'pie', start: 8, end: 12 });
  });

  it('gives up on a query longer than a handle can be', () => {
    const long = `@${'a'.repeat(41)}`;
    expect(mentionQuery(long, long.length)).toBeNull();
    expect(mentionQuery(long.slice(0, 41), 41)?.query).toHaveLength(40);
  });

  it('copes with a caret beyond the text', () => {
    expect(mentionQuery('@ja', 99)).toEqual({ query: 'ja', start: 0, end: 3 });
  });
});

describe('insertMention: a picked handle replaces what was typed', () => {
  const pick = (text: string, caret: number, handle: string) => {
    const mention = mentionQuery(text, caret);
    if (!mention) throw new Error(`no mention in ${JSON.stringify(text)} at ${caret}`);
    return insertMention(text, mention, handle);
  };

  it('at the end of the text: the handle, a space, and the caret after it', () => {
    expect(pick('Welcome @jan', 12, 'jan.devries')).toEqual({ text: 'Welcome @jan.devries ', caret: 21 });
  });

  it('at the start of the text', () => {
    expect(pick('@pi', 3, 'pieter')).toEqual({ text: '@pieter ', caret: 8 });
  });

  it('with the caret in the middle of a word: the whole word is replaced, the rest stays', () => {
    const result = pick('hi @jansen, welcome', 6, 'jan.devries');
    expect(result.text).toBe('hi @jan.devries , welcome');
    expect(result.text.slice(0, result.caret)).toBe('hi @jan.devries ');
  });

  it('reuses a space that is already there instead of doubling it', () => {
    const result = pick('hi @ja and more', 6, 'jan.devries');
    expect(result.text).toBe('hi @jan.devries and more');
    expect(result.text.slice(result.caret)).toBe('and more');
  });

  it('leaves other mentions and text before it alone', () => {
    expect(pick('@an and @pie', 12, 'pieter').text).toBe('@an and @pieter ');
  });
});
