import type { Scorecard } from '../../../contract/analytics.js';

/** The column names people read in a spreadsheet, in their language; figure ids match docs/ANALYTICS.md. */
const HEADERS = {
  en: ['section', 'figure', 'unit', 'value', 'previous period', 'status', 'period from', 'period to'],
  nl: ['onderdeel', 'cijfer', 'eenheid', 'waarde', 'vorige periode', 'status', 'periode van', 'periode tot'],
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
  const lines = [line([...HEADERS[locale]])];
  const { from, to } = card.period;
  for (const condition of card.conditions) {
    for (const f of condition.figures) {
      lines.push(line([condition.id, f.id, f.unit, f.value, f.previous, condition.status, from, to]));
    }
  }
  for (const f of card.benefits.figures)
    lines.push(line(['benefits', f.id, f.unit, f.value, f.previous, '', from, to]));
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
        ]),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
