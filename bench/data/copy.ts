import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Value = string | number | boolean | null | string[];

const FLUSH_BYTES = 1 << 20;

/** COPY's text format: backslash escapes for the characters it treats specially, \N for null. */
function encode(value: Value): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    return escapeCopyText(`{${value.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  }
  return escapeCopyText(value);
}

const escapeCopyText = (text: string) =>
  /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;

/** One table's COPY FROM STDIN on its own connection, fed row by row, flushed in 1 MB chunks. */
export class CopyTable {
  rows = 0;
  private chunk = '';

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly stream: NodeJS.WritableStream,
  ) {}

  static async open(pool: pg.Pool, table: string, columns: string): Promise<CopyTable> {
    const client = await pool.connect();
    await client.query('set synchronous_commit = off');
    const stream = client.query(copyFrom(`copy ${table} (${columns.split(' ').join(', ')}) from stdin`));
    return new CopyTable(client, stream);
  }

  row(values: Value[]): void {
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + encode(values[i]!);
    this.chunk += `${line}\n`;
    this.rows++;
  }

  /** Hands the buffered rows to the server once there is enough, waiting when it is behind. */
  async flush(force = false): Promise<void> {
    if (this.chunk.length < FLUSH_BYTES && !force) return;
    const chunk = this.chunk;
    this.chunk = '';
    if (chunk && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await finished(this.stream);
    this.client.release();
  }
}
