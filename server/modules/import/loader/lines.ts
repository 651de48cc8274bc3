import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { ImportRecord } from '../interchange.js';
import type { Place } from '../report.js';

export type Line =
  | { line: number; record: ImportRecord; error?: undefined }
  | { line: number; record?: undefined; error: string };

/** The interchange file line by line, streamed (never whole in memory), each parsed and checked strictly. */
export async function* readInterchange(path: string): AsyncGenerator<Line> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      yield { line, error: 'is not one JSON object' };
      continue;
    }
    const parsed = ImportRecord.safeParse(json);
    if (parsed.success) yield { line, record: parsed.data };
    else {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      yield { line, error: `${field ? `${field}: ` : ''}${issue.message}` };
    }
  }
}

/** Where a record came from: the reader's original file and line ("Messages.csv:12"), else the interchange line. */
export function placeOf(file: string, line: number, record?: ImportRecord): Place {
  const at = record?.at?.match(/^(.*):(\d+)$/);
  if (at) return { file: at[1]!, line: Number(at[2]) };
  return { file: basename(file), line };
}
