import { describe, expect, it } from 'vitest';
import { slugify, threadIdOf, threadPath } from './paths.js';

describe('friendly thread URLs', () => {
  it('makes a readable slug from any title', () => {
    expect(slugify('Hoe vraag ik een laptop aan?')).toBe('hoe-vraag-ik-een-laptop-aan');
    expect(slugify('Één café, twee crème brûlées!')).toBe('een-cafe-twee-creme-brulees');
    expect(slugify('???')).toBe('');
    expect(slugify('a'.repeat(80)).length).toBe(60);
  });

  it('round-trips the id through the URL, with or without a slug', () => {
    expect(threadPath('12', 'How do I start?')).toBe('/t/12-how-do-i-start');
    expect(threadPath('12', '')).toBe('/t/12');
    expect(threadIdOf('12-how-do-i-start')).toBe('12');
    expect(threadIdOf('12')).toBe('12');
    expect(threadIdOf('abc')).toBeNull();
    expect(threadIdOf('0-zero')).toBeNull();
    expect(threadIdOf(undefined)).toBeNull();
  });
});
