import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../../web/src/i18n/features/analytics.en.json' with { type: 'json' };
import nl from '../../../web/src/i18n/features/analytics.nl.json' with { type: 'json' };
import { THRESHOLDS } from './thresholds.js';

const doc = readFileSync(new URL('../../../docs/ANALYTICS.md', import.meta.url), 'utf8');
type Figures = Record<string, { label: string; definition: string }>;

describe('definitions live in one place', () => {
  it('every figure the page shows is defined in docs/ANALYTICS.md with the very same text, in English and Dutch', () => {
    const figures = [en.analytics.figures, nl.analytics.figures] as Figures[];
    for (const [lang, catalogue] of [
      ['en', figures[0]!],
      ['nl', figures[1]!],
    ] as const) {
      for (const [id, { definition }] of Object.entries(catalogue)) {
        expect(doc, `${id} (${lang})`).toContain(`#### \`${id}\``);
        expect(doc, `${id} (${lang})`).toContain(`- **${lang}:** ${definition}`);
      }
    }
  });

  it('documents every threshold rule', () => {
    for (const [condition, rules] of Object.entries(THRESHOLDS)) {
      for (const rule of rules) expect(doc).toMatch(new RegExp(`\\| ${condition} +\\| ${rule.figure} +\\|`));
    }
  });
});
