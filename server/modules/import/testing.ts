import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { Queryable } from '../../platform/db/database.js';
import { unique } from '../../test/factories.js';

/** A fresh folder for one test's archives. */
export const scratch = () => mkdtempSync(join(tmpdir(), 'plein-import-'));

/** An interchange file of these records (source filled in), one JSON object a line. */
export function interchangeFile(records: object[], source: string): string {
  const path = join(scratch(), 'history.jsonl');
  writeFileSync(path, `${records.map((r) => JSON.stringify({ source, ...r })).join('\n')}\n`);
  return path;
}

export const newSource = () => unique('net').toLowerCase();

/**
 * Every imported row of a source with its row version (xmin): equal before and after a second run means the run
 * wrote nothing at all, not merely the same values.
 */
export async function importedRows(db: Queryable, source: string): Promise<string[]> {
  const { rows } = await db.query<{ row: string }>(
    `select 'person ' || id || ' ' || xmin as row from people where import_source = $1
     union all select 'community ' || id || ' ' || member_count || ' ' || xmin from communities where import_source = $1
     union all select 'thread ' || id || ' ' || reply_count || ' ' || reaction_counts::text || ' ' || xmin
       from threads where import_source = $1
     union all select 'reply ' || id || ' ' || xmin from replies where import_source = $1
     union all select 'reaction ' || thread_id || ' ' || person_id || ' ' || kind || ' ' || xmin
       from thread_reactions where import_source = $1
     union all select 'reply reaction ' || reply_id || ' ' || person_id || ' ' || kind || ' ' || xmin
       from reply_reactions where import_source = $1
     union all select 'mention ' || m.id || ' ' || m.xmin from mentions m join threads t on t.id = m.thread_id
      where t.import_source = $1
     union all select 'member ' || m.community_id || ' ' || m.person_id || ' ' || m.xmin
       from community_members m join communities c on c.id = m.community_id where c.import_source = $1
     union all select 'mapping ' || kind || ' ' || source_id || ' ' || plein_id from import_sources where source = $1
     order by 1`,
    [source],
  );
  return rows.map((r) => r.row);
}

/** A CSV file's text from rows (the first is the header), quoted where needed, with a byte-order mark. */
export function csv(rows: string[][]): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return `\ufeff${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A ZIP archive of these files, written to a scratch folder. */
export async function zipOf(files: Record<string, string | Buffer>, name = 'export.zip'): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [file, content] of Object.entries(files)) {
    zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, file);
  }
  zip.end();
  const path = join(scratch(), name);
  await pipeline(zip.outputStream, createWriteStream(path));
  return path;
}
