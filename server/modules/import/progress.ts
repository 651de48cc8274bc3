import type { ImportReport } from './report.js';

const duration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

/** "12,000/50,000 records (24%), 3,100/s, 12s left" */
export function progressLine(done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const share = total > 0 ? Math.floor((done / total) * 100) : 100;
  const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
  return `${done.toLocaleString('en')}/${total.toLocaleString('en')} records (${share}%), ${Math.round(rate).toLocaleString('en')}/s, ${duration(left)} left`;
}

/** The final report: counts per kind, notes, every skipped row with its reason, every attachment left behind. */
export function reportText(report: ImportReport): string {
  const lines = [report.dryRun ? 'Dry run: nothing was written.' : 'Import finished.', ''];
  lines.push('kind         records  created  matched  updated  removed  skipped');
  for (const [kind, c] of Object.entries(report.counts)) {
    const cells = [
      report.records[kind as keyof typeof report.records],
      c.created,
      c.matched,
      c.updated,
      c.removed,
      c.skipped,
    ]
      .map((n) => String(n).padStart(8))
      .join(' ');
    lines.push(`${kind.padEnd(12)}${cells}`);
  }
  if (report.notes.length > 0) lines.push('', 'Notes:', ...report.notes.map((note) => `  ${note}`));
  if (report.skipped.length > 0) {
    lines.push('', `Skipped (${report.skipped.length}):`);
    for (const s of report.skipped)
      lines.push(`  ${s.file} line ${s.line}: ${s.kind} ${s.sourceId}: ${s.reason}`);
  }
  if (report.attachments.length > 0) {
    lines.push('', `Attachments not brought along yet (${report.attachments.length}):`);
    for (const a of report.attachments) {
      lines.push(`  ${a.target} ${a.targetSourceId}: ${a.name} (${a.storage}${a.path ? `: ${a.path}` : ''})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
