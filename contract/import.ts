import { z } from 'zod';

const Counts = z.object({
  created: z.number().int(),
  matched: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  skipped: z.number().int(),
});

/** An import's report (docs/IMPORT.md): records and counts per kind, the first skipped rows, notes. */
export const ImportReportView = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  records: z.record(z.string(), z.number().int()),
  counts: z.record(z.string(), Counts),
  /** The first 200 skipped rows; skippedTotal says how many there were. */
  skipped: z.array(
    z.object({
      file: z.string(),
      line: z.number().int(),
      kind: z.string(),
      sourceId: z.string(),
      reason: z.string(),
    }),
  ),
  skippedTotal: z.number().int(),
  attachments: z.number().int(),
  notes: z.array(z.string()),
});
export type ImportReportView = z.infer<typeof ImportReportView>;

/** An uploaded archive: checked (dry run), then run on the admin's word, with its progress. */
export const ImportUpload = z.object({
  id: z.string(),
  format: z.enum(['yammer', 'workplace', 'interchange']),
  fileName: z.string(),
  bytes: z.number().int(),
  status: z.enum(['checked', 'refused', 'running', 'done', 'failed']),
  /** Records loaded so far of all, while running. */
  done: z.number().int(),
  total: z.number().int(),
  dryRun: ImportReportView.nullable(),
  result: ImportReportView.nullable(),
  /** Why the archive was refused or the run failed: each problem with its file and line. */
  problems: z.array(z.object({ file: z.string(), line: z.number().int(), message: z.string() })),
});
export type ImportUpload = z.infer<typeof ImportUpload>;

export const ImportUploadQuery = z.strictObject({
  /** The archive's file name, shown back and used to tell a ZIP from an interchange file. */
  name: z.string().trim().min(1).max(200),
  /** The network's name in the import records; the same for every run of one network. */
  source: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/)
    .optional(),
});
