import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportRecord } from '../interchange.js';
import type { Skipped } from '../report.js';

/** What a reader hands the loader: an interchange file, plus what it left out and why. */
export type ReaderResult = { path: string; skipped: Skipped[]; notes: string[]; cleanUp(): void };

/** Stages. Replies are split so that every reply to a reply comes after the top-level reply it hangs under. */
const STAGES = [
  'person',
  'community',
  'membership',
  'thread',
  'reply',
  'nested-reply',
  'reaction',
  'attachment',
] as const;
type Stage = (typeof STAGES)[number];

/**
 * Interchange records written as a reader finds them, one temporary file per kind, then joined in the order
 * parents-before-children into one file — so a reader streams its sources once and never sorts in memory.
 */
export class Staging {
  readonly skipped: Skipped[] = [];
  readonly notes: string[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'plein-import-stage-'));
  private readonly files = new Map<Stage, WriteStream>();

  async write(record: ImportRecord, nested = false): Promise<void> {
    const stage: Stage = nested ? 'nested-reply' : record.type;
    let file = this.files.get(stage);
    if (!file) {
      file = createWriteStream(join(this.dir, `${stage}.jsonl`));
      this.files.set(stage, file);
    }
    if (!file.write(`${JSON.stringify(record)}\n`)) await once(file, 'drain');
  }

  skip(entry: Skipped): void {
    this.skipped.push(entry);
  }

  async finish(): Promise<ReaderResult> {
    const path = join(this.dir, 'interchange.jsonl');
    const out = createWriteStream(path);
    for (const stage of STAGES) {
      const file = this.files.get(stage);
      if (!file) continue;
      file.end();
      await once(file, 'finish');
      for await (const chunk of createReadStream(join(this.dir, `${stage}.jsonl`))) {
        if (!out.write(chunk)) await once(out, 'drain');
      }
    }
    out.end();
    await once(out, 'finish');
    return { path, skipped: this.skipped, notes: this.notes, cleanUp: () => this.cleanUp() };
  }

  cleanUp(): void {
    // Writes still queued when a reader gives up fail quietly: their folder is about to go.
    for (const file of this.files.values()) file.on('error', () => {}).destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
