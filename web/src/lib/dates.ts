/** How a locale writes a date with numbers only: the order of its parts and the mark between them. */
export type DatePattern = { order: ('day' | 'month' | 'year')[]; separator: string };

export function datePattern(locale: string): DatePattern {
  const parts = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(new Date(Date.UTC(2026, 11, 31)));
  const order = parts
    .map((part) => part.type)
    .filter(
      (type): type is 'day' | 'month' | 'year' => type === 'day' || type === 'month' || type === 'year',
    );
  const separator = parts.find((part) => part.type === 'literal')?.value.trim() || '-';
  return { order, separator };
}

/** "2026-03-09" → "09-03-2026" (nl) or "09/03/2026" (en-GB); empty stays empty. */
export function formatIsoDate(iso: string, pattern: DatePattern): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const values = { year: match[1]!, month: match[2]!, day: match[3]! };
  return pattern.order.map((part) => values[part]).join(pattern.separator);
}

/** What a person typed, in their locale's order with any separator, as "yyyy-mm-dd"; null if it is no real date. */
export function parseLocalDate(text: string, pattern: DatePattern): string | null {
  const numbers = text.trim().split(/\D+/).filter(Boolean);
  if (numbers.length !== 3) return null;
  const values: Record<string, number> = {};
  pattern.order.forEach((part, index) => {
    values[part] = Number(numbers[index]);
  });
  const { day = 0, month = 0 } = values;
  let year = values.year ?? 0;
  if (numbers[pattern.order.indexOf('year')]!.length === 2) year += 2000;
  if (year < 1000 || year > 9999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31-02 rolls over into March: not a date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** The placeholder that shows the order, in the interface's words: "dd-mm-jjjj", "dd/mm/yyyy". */
export function datePlaceholder(pattern: DatePattern, letters: { day: string; month: string; year: string }) {
  return pattern.order.map((part) => letters[part]).join(pattern.separator);
}
