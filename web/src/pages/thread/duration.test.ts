import { describe, expect, it } from 'vitest';
import { durationParts } from './duration.js';

describe('durationParts', () => {
  it('gives at most two units, largest first, dropping a zero second unit', () => {
    expect(durationParts(0)).toEqual([['second', 0]]);
    expect(durationParts(59)).toEqual([['second', 59]]);
    expect(durationParts(60)).toEqual([['minute', 1]]);
    expect(durationParts(3_600 + 5 * 60 + 7)).toEqual([
      ['hour', 1],
      ['minute', 5],
    ]);
    expect(durationParts(2 * 86_400 + 30)).toEqual([['day', 2]]);
    expect(durationParts(86_400 + 3_600)).toEqual([
      ['day', 1],
      ['hour', 1],
    ]);
  });
});
