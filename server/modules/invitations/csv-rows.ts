import { z } from 'zod';
import { LIMITS } from '../../../contract/common.js';
import type { FieldError } from '../../platform/http/problem.js';
import { parseCsv } from './csv.js';

/** Workplace's column headers, as they are, and what Plein does with each (matched ignoring case and spaces). */
export const WORKPLACE_COLUMNS = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  title: 'Job Title',
  department: 'Department',
  phone: 'Phone',
  location: 'Location',
  locale: 'Locale',
  managerEmail: 'Manager Email',
  division: 'Division',
  organization: 'Organization',
  startDate: 'Start Date',
} as const;
type Column = keyof typeof WORKPLACE_COLUMNS;

/** At most this many people per file: one transaction holds them all. */
export const MAX_CSV_ROWS = 5000;

export type InviteeRow = {
  line: number;
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  locale: 'nl' | 'en' | null;
  managerEmail: string | null;
};

const Email = z.email().max(254);
const key = (header: string) => header.replace(/\s+/g, '').toLowerCase();
const columnByKey = new Map(
  Object.entries(WORKPLACE_COLUMNS).map(([column, header]) => [key(header), column as Column]),
);

/**
 * Every row of the file checked on its own (the database checks come after): the rows, or every error found, each
 * naming its line and column. Unknown columns are refused, so a misspelt header never loses a column silently.
 */
export function readInviteeRows(text: string): { rows: InviteeRow[]; errors: FieldError[] } {
  const [header, ...records] = parseCsv(text);
  const errors: FieldError[] = [];
  if (!header) return { rows: [], errors: [{ field: 'line 1', message: 'the file is empty' }] };
  const columns = header.fields.map((name) => columnByKey.get(key(name)) ?? null);
  header.fields.forEach((name, index) => {
    if (columns[index] === null)
      errors.push({ field: `line 1, ${name}`, message: 'is not a column Plein knows' });
  });
  if (!columns.includes('email')) errors.push({ field: 'line 1', message: 'has no Email column' });
  if (records.length === 0) errors.push({ field: 'line 2', message: 'the file has no people' });
  if (records.length > MAX_CSV_ROWS) {
    errors.push({
      field: `line ${records[MAX_CSV_ROWS]!.line}`,
      message: `at most ${MAX_CSV_ROWS} people per file`,
    });
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: InviteeRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const value = (column: Column) => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : (record.fields[index] ?? '').trim();
    };
    const fail = (column: Column, message: string) =>
      errors.push({ field: `line ${record.line}, ${WORKPLACE_COLUMNS[column]}`, message });
    if (record.fields.length > columns.length) {
      errors.push({
        field: `line ${record.line}`,
        message: `has ${record.fields.length} fields, the header ${columns.length}`,
      });
      continue;
    }
    const email = value('email').toLowerCase();
    if (!Email.safeParse(email).success) fail('email', email ? 'is not an email address' : 'is empty');
    else if (seen.has(email)) fail('email', `is on line ${seen.get(email)} already`);
    else seen.set(email, record.line);
    const name = [value('firstName'), value('lastName')].filter(Boolean).join(' ');
    if (!name) fail('firstName', 'First Name and Last Name are both empty');
    for (const column of ['firstName', 'lastName', 'title', 'department', 'location'] as const) {
      const text = value(column);
      if (text.length > LIMITS.nameLength) fail(column, `must be at most ${LIMITS.nameLength} characters`);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      if (/[\u0000-\u001f\u007f]/.test(text)) fail(column, 'must be one line, without control characters');
    }
    const locale = localeOf(value('locale'));
    if (locale === undefined) fail('locale', `"${value('locale')}" is not Dutch or English (nl_NL, en_US …)`);
    const managerEmail = value('managerEmail').toLowerCase() || null;
    if (managerEmail && !Email.safeParse(managerEmail).success)
      fail('managerEmail', 'is not an email address');
    if (managerEmail && managerEmail === email) fail('managerEmail', 'is the person themselves');
    rows.push({
      line: record.line,
      email,
      name,
      title: value('title'),
      department: value('department'),
      location: value('location'),
      locale: locale ?? null,
      managerEmail,
    });
  }
  return { rows, errors };
}

/** Workplace writes locales as en_US, nl_NL; Plein speaks Dutch and English. Empty: the organisation's language. */
function localeOf(value: string): 'nl' | 'en' | null | undefined {
  if (!value) return null;
  const language = value.toLowerCase().split(/[-_]/)[0];
  return language === 'nl' || language === 'en' ? language : undefined;
}
