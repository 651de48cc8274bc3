import { describe, expect, it } from 'vitest';
import { MAX_SKILL_TERMS, skillTerms } from './skill-terms.js';

describe('skillTerms', () => {
  it('gives words, two- and three-word phrases and hashtags, lower-cased, without stopwords', () => {
    expect(skillTerms(['Machine Learning for the Port'], ['data-science'])).toEqual([
      'data-science',
      'data science',
      'machine',
      'machine learning',
      'learning',
      'port',
    ]);
  });

  it('reads Dutch stopwords too, and stops at the cap', () => {
    // A stopword may stand inside a phrase, never at its ends.
    expect(skillTerms(['De haven van Rotterdam'], [])).toEqual(['haven', 'haven van rotterdam', 'rotterdam']);
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    expect(skillTerms([long], [])).toHaveLength(MAX_SKILL_TERMS);
  });
});
