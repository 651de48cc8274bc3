import type { ImportUpload } from '../../../contract/import.js';
import { request } from './http.js';

export const importKeys = { upload: (id: string) => ['imports', id] as const };

/** A ZIP is sent as one; anything else (an interchange .jsonl) as JSON lines. */
const typeOf = (file: File) => (/\.jsonl?$/i.test(file.name) ? 'application/x-ndjson' : 'application/zip');

export const importsApi = {
  upload: (file: File, source?: string) =>
    request<ImportUpload>('POST', '/admin/imports', {
      query: { name: file.name, source },
      raw: { body: file, type: typeOf(file) },
    }),
  get: (id: string) => request<ImportUpload>('GET', `/admin/imports/${id}`),
  run: (id: string) => request<ImportUpload>('POST', `/admin/imports/${id}/run`),
};
