import { describe, expect, it } from 'vitest';
import { composeQuery, onlyExclusions, parseSearch, type Term } from './parse.js';

const texts = (groups: Term[][]) =>
  groups.map((group) => group.map((t) => `${t.negated ? '-' : ''}${t.text}`));

describe('parseSearch', () => {
  it('reads words, phrases, OR and exclusions like a web search', () => {
    const parsed = parseSearch('kat "zwarte hond" OR vis -muis -"rode kater"');
    expect(texts(parsed.groups)).toEqual([['kat'], ['zwarte hond', 'vis'], ['-muis'], ['-rode kater']]);
    expect(parsed.groups[1]![0]!.phrase).toBe(true);
    expect(parsed.words).toEqual(['kat', 'zwarte hond', 'vis']);
  });

  it('matches the last bare word as a prefix while typing, not after a space', () => {
    expect(parseSearch('kuber').groups[0]![0]!.prefix).toBe(true);
    expect(parseSearch('kuber ').groups[0]![0]!.prefix).toBe(false);
    expect(parseSearch('"kuber"').groups[0]![0]!.prefix).toBe(false);
    expect(parseSearch('kat -kuber').groups[1]![0]!.prefix).toBe(false);
  });

  it('knows a search of only exclusions, and refuses more than 20 terms', () => {
    expect(onlyExclusions(parseSearch('-kat -hond'))).toBe(true);
    expect(onlyExclusions(parseSearch('vis -kat'))).toBe(false);
    expect(() => parseSearch(Array.from({ length: 21 }, (_, i) => `w${i}`).join(' '))).toThrow(/at most 20/);
  });
});

describe('composeQuery', () => {
  it('matches each term in the language or exactly, drops stop words, negates the whole term', () => {
    const parsed = parseSearch('de katten -honden');
    const [de, katten, honden] = parsed.groups.flat();
    const fragments = new Map([
      [de!, { config: '', simple: "'de'" }],
      [katten!, { config: "'kat'", simple: "'katten'" }],
      [honden!, { config: "'hond'", simple: "'honden'" }],
    ]);
    expect(composeQuery(parsed.groups, fragments)).toBe("('kat' | 'katten') & !('hond' | 'honden')");
  });

  it('keeps a search of only stop words as written, and adds :* to a prefix', () => {
    const only = parseSearch('de ');
    expect(composeQuery(only.groups, new Map([[only.groups[0]![0]!, { config: '', simple: "'de'" }]]))).toBe(
      "('de')",
    );
    const typing = parseSearch('kuber');
    expect(
      composeQuery(typing.groups, new Map([[typing.groups[0]![0]!, { config: "'kub'", simple: "'kuber'" }]])),
    ).toBe("('kub':* | 'kuber':*)");
  });
});
