import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ScanConfig } from '../../config.js';

/** What the virus-scan hook said: clean, infected, or it could not tell (the file stays held, tried again later). */
export type Verdict = 'clean' | 'infected' | 'unknown';

/**
 * Runs the configured scanner on a file. A command gets the file's path as its last argument and answers by exit
 * code (0 clean, 1 infected, as clamdscan does); an HTTP endpoint gets the bytes in a POST and answers 200 for
 * clean or 422 for infected. Anything else is "unknown".
 */
export async function scanFile(config: ScanConfig, path: string): Promise<Verdict> {
  if (config.kind === 'off') return 'clean';
  if (config.kind === 'command') {
    return new Promise((resolve) => {
      execFile(
        '/bin/sh',
        ['-c', `${config.command} "$1"`, 'plein-scan', path],
        { timeout: 120_000 },
        (error) => {
          if (!error) return resolve('clean');
          resolve(error.code === 1 ? 'infected' : 'unknown');
        },
      );
    });
  }
  const { size } = await stat(path);
  try {
    const response = await fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: createReadStream(path) as unknown as BodyInit,
      duplex: 'half',
      signal: AbortSignal.timeout(120_000),
    } as RequestInit);
    await response.body?.cancel();
    if (response.status === 200) return 'clean';
    return response.status === 422 ? 'infected' : 'unknown';
  } catch {
    return 'unknown';
  }
}
