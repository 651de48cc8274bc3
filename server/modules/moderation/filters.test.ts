import { describe, expect, it } from 'vitest';
import type { ContentFilters } from '../../../contract/moderation.js';
import { fold, hostsIn, screen } from './filters.js';

const filters = (words: [string, 'block' | 'hold'][], domains: [string, 'block' | 'hold'][] = []) =>
  ({
    words: words.map(([term, action]) => ({ term, action })),
    domains: domains.map(([domain, action]) => ({ domain, action })),
  }) satisfies ContentFilters;

describe('content filters: whole words, case and diacritics folded (Dutch and English)', () => {
  it('folds case, accents and the Dutch ĳ ligature', () => {
    expect(fold('IDIÓÓT Ĳzer Café')).toBe('idioot ijzer cafe');
  });

  it('matches a Dutch word whatever its case or accents, at any edge of the text', () => {
    const dutch = filters([['idioot', 'block']]);
    expect(screen(dutch, ['Wat een Idióót']).action).toBe('block');
    expect(screen(dutch, ['IDIOOT!']).action).toBe('block');
    expect(screen(dutch, ['(idioot)']).action).toBe('block');
    expect(screen(dutch, ['Dat is idiotie, geen idioten']).action).toBe('pass');
  });

  it('does not find a word inside a longer one (the Scunthorpe problem), in English and Dutch', () => {
    const english = filters([
      ['cunt', 'block'],
      ['ass', 'hold'],
    ]);
    expect(screen(english, ['Our office in Scunthorpe']).action).toBe('pass');
    expect(screen(english, ['A classic assessment of the class']).action).toBe('pass');
    expect(screen(english, ['you ASS']).matches).toEqual(['ass']);
    // Cancer research is not a curse: "kanker" alone is, inside "kankeronderzoek" it is not.
    const dutch = filters([['kanker', 'hold']]);
    expect(screen(dutch, ['Geld voor kankeronderzoek en de KWF-kankerbestrijding']).action).toBe('pass');
    expect(screen(dutch, ['kanker op']).action).toBe('hold');
  });

  it('treats letters with diacritics as letters of the word, not as boundaries', () => {
    // "é" inside "pétanque" must not make "tanque" a word of its own.
    expect(screen(filters([['tanque', 'block']]), ['We spelen pétanque']).action).toBe('pass');
    expect(screen(filters([['ass', 'block']]), ['Ça passé']).action).toBe('pass');
  });

  it('matches phrases across any run of spaces, and lets block win over hold', () => {
    const both = filters([
      ['gratis geld', 'hold'],
      ['oplichter', 'block'],
    ]);
    expect(screen(both, ['Gratis\n  GELD hier']).action).toBe('hold');
    const verdict = screen(both, ['Gratis geld van een oplichter']);
    expect(verdict).toEqual({ action: 'block', matches: ['oplichter'] });
  });

  it('finds link domains with or without a scheme, and their subdomains, but not look-alikes', () => {
    expect(
      [...hostsIn('See https://Casino.Example.com/x?y and www.bet.nl, or mail@host.org')].sort(),
    ).toEqual(['bet.nl', 'casino.example.com']);
    const links = filters([], [['example.com', 'block']]);
    expect(screen(links, ['[hier](https://win.example.com/prijs)']).action).toBe('block');
    expect(screen(links, ['zie example.com.']).action).toBe('block');
    expect(screen(links, ['https://notexample.com and example.community']).action).toBe('pass');
  });
});
