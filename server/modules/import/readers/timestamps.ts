import { ImportRefused } from '../report.js';

// "2019-03-05 10:20:30 UTC", "2019/03/05 10:20:30 +0000" and ISO 8601 with a zone all occur in exports.
const SPACED =
  /^(\d{4})[-/](\d{2})[-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/;

/** An export's timestamp as ISO 8601 UTC, or null when empty; anything else refuses the import, naming the line. */
export function instant(value: string, file: string, line: number, column: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const m = SPACED.exec(text);
  let ms: number;
  if (m) {
    const zone =
      !m[8] || m[8] === 'UTC' || m[8] === 'Z' ? 'Z' : m[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${zone}`);
  } else ms = Date.parse(text);
  if (Number.isNaN(ms) || !/\d{4}/.test(text)) {
    throw new ImportRefused([
      { file, line, message: `${column}: "${text.slice(0, 40)}" is not a date and time` },
    ]);
  }
  return new Date(ms).toISOString();
}
