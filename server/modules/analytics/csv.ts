import type { Figure, Scorecard, Withheld } from '../../../contract/analytics.js';

/** The column names people read in a spreadsheet, in their language; figure ids match docs/ANALYTICS.md. */
const HEADERS = {
  en: [
    'section',
    'figure',
    'unit',
    'value',
    'previous period',
    'status',
    'period from',
    'period to',
    'withheld',
  ],
  nl: [
    'onderdeel',
    'cijfer',
    'eenheid',
    'waarde',
    'vorige periode',
    'status',
    'periode van',
    'periode tot',
    'achtergehouden',
  ],
} as const;

/** Why a value is left out, in the words the page uses (web i18n `analytics.withheld`). */
const WITHHELD = {
  en: (minimum: number) => `Too few people to show (fewer than ${minimum})`,
  nl: (minimum: number) => `Te weinig mensen om te tonen (minder dan ${minimum})`,
} as const;

/** A CSV field: quoted when it holds a separator, quote or line break; formula-like text is defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A cell starting with = + - @ is a formula in spreadsheets: prefix it so a name can never run as one.
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The scorecard as CSV: one line per figure, then the collaboration cells. */
export function scorecardCsv(card: Scorecard, locale: 'nl' | 'en'): string {
  const line = (fields: (string | number | null)[]) => fields.map(csvField).join(',');
  const reason = (withheld: Withheld | undefined | null) =>
    withheld ? WITHHELD[locale](withheld.minimum) : '';
  const lines = [line([...HEADERS[locale]])];
  const { from, to } = card.period;
  // A whole view about too few people is one line saying so, with no figure.
  if (card.withheld) lines.push(line(['scorecard', '', '', null, null, '', from, to, reason(card.withheld)]));
  const figureLine = (section: string, f: Figure, status: string) =>
    line([section, f.id, f.unit, f.value, f.previous, status, from, to, reason(f.withheld)]);
  for (const condition of card.conditions) {
    for (const f of condition.figures) lines.push(figureLine(condition.id, f, condition.status));
  }
  for (const f of card.benefits.figures) lines.push(figureLine('benefits', f, ''));
  for (const [axis, matrix] of [
    ['department', card.collaboration.departments],
    ['location', card.collaboration.locations],
  ] as const) {
    for (const cell of matrix.cells) {
      lines.push(
        line([
          `collaboration:${axis}`,
          `${cell.source} → ${cell.target}`,
          'count',
          cell.interactions,
          null,
          '',
          from,
          to,
          '',
        ]),
      );
    }
  }
  for (const [axis, matrix] of [
    ['department', card.collaboration.departments],
    ['location', card.collaboration.locations],
  ] as const) {
    for (const label of matrix.withheld?.labels ?? []) {
      lines.push(
        line([`collaboration:${axis}`, label, 'count', null, null, '', from, to, reason(matrix.withheld)]),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
