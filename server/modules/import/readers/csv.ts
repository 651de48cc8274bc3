import { isUtf8 } from 'node:buffer';
import { pipeline, type Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportRefused } from '../report.js';

export type CsvRow = { line: number; values: Record<string, string> };

/**
 * Stops at the first byte that is not UTF-8 (or at a UTF-16 byte-order mark), naming the line: an export saved in
 * another encoding would otherwise come in garbled.
 */
function utf8Only(file: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (
        first &&
        chunk.length >= 2 &&
        ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
      ) {
        return done(refused(file, 1, 'is UTF-16; export it again as UTF-8'));
      }
      first = false;
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(refused(file, line + badLineIn(chunk), 'is not UTF-8 text (wrong encoding)'));
      }
      for (const byte of chunk) if (byte === 0x0a) line++;
      done(null, chunk);
    },
  });
}

/** How many lines into the chunk the first bad byte sits (a character cut at the chunk's end is not bad). */
function badLineIn(chunk: Buffer): number {
  let start = 0;
  for (let n = 0; ; n++) {
    const end = chunk.indexOf(0x0a, start);
    const segment = chunk.subarray(start, end === -1 ? chunk.length : end);
    if (!isUtf8(segment) && (end !== -1 || !isUtf8(segment.subarray(0, Math.max(0, segment.length - 3)))))
      return n;
    if (end === -1) return n;
    start = end + 1;
  }
}

const refused = (file: string, line: number, message: string) => new ImportRefused([{ file, line, message }]);

/**
 * A CSV file row by row, streamed: the header (after an optional byte-order mark) must name only `known` columns
 * and every `required` one; a malformed row stops the import, naming file and line.
 */
export async function* readCsv(
  stream: Readable,
  file: string,
  columns: { known: readonly string[]; required: readonly string[] },
): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, relax_column_count: false, skip_empty_lines: true, info: true });
  // Any stage's error (the archive, the encoding check, the parser) ends the iteration below with it.
  pipeline(stream, utf8Only(file), parser, () => {});
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!header) {
        header = record.map((name) => name.trim());
        const unknown = header.filter((name) => !columns.known.includes(name));
        if (unknown.length > 0) throw refused(file, 1, `unknown columns: ${unknown.join(', ')}`);
        const missing = columns.required.filter((name) => !header!.includes(name));
        if (missing.length > 0) throw refused(file, 1, `missing columns: ${missing.join(', ')}`);
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, i) => {
        values[name] = record[i] ?? '';
      });
      yield { line: info.lines, values };
    }
  } catch (error) {
    if (error instanceof ImportRefused) throw error;
    const lines = (error as { lines?: number }).lines;
    throw refused(file, lines ?? 0, `malformed CSV: ${(error as Error).message}`);
  }
}
