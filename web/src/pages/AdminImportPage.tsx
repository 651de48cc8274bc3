import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReportView, ImportUpload } from '../../../contract/import.js';
import { importKeys, importsApi } from '../api/imports.js';
import { useMe } from '../api/session.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { usePageTitle } from '../lib/use-title.js';

const KINDS = ['person', 'community', 'membership', 'thread', 'reply', 'reaction', 'attachment'] as const;

/** Admins: upload an export, read its dry run, then run it and watch it arrive (docs/IMPORT.md). */
export function AdminImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('import.title'));
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportUpload | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => importsApi.upload(chosen),
    onSuccess: setChecked,
  });
  const run = useMutation({ mutationFn: (id: string) => importsApi.run(id), onSuccess: setChecked });
  const running = checked?.status === 'running';
  const progress = useQuery({
    queryKey: importKeys.upload(checked?.id ?? ''),
    queryFn: () => importsApi.get(checked!.id),
    enabled: running,
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 1000 : false),
  });
  if (me.role !== 'admin') {
    return (
      <div className="column narrow">
        <EmptyState icon="lock" title={t('import.title')}>
          {t('import.notAllowed')}
        </EmptyState>
      </div>
    );
  }
  const shown =
    (running || checked?.status === 'done' || checked?.status === 'failed') && progress.data
      ? progress.data
      : checked;
  return (
    <div className="column">
      <h1>{t('import.title')}</h1>
      <p className="muted">{t('import.intro')}</p>
      <form
        className="card stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".zip,.jsonl,.json"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setChecked(null);
            }}
          />
        </div>
        <div>
          <button type="submit" className="button" disabled={!file || upload.isPending}>
            {upload.isPending ? t('import.checking') : t('import.check')}
          </button>
        </div>
        <ErrorMessage error={upload.error} />
      </form>
      {shown && <UploadState upload={shown} />}
      {shown?.status === 'checked' && (
        <div>
          <button
            type="button"
            className="button"
            disabled={run.isPending}
            onClick={() => run.mutate(shown.id)}
          >
            {t('import.run')}
          </button>
          <ErrorMessage error={run.error} />
        </div>
      )}
    </div>
  );
}

function UploadState({ upload }: { upload: ImportUpload }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-live="polite" data-import-status={upload.status}>
      <h2>
        {upload.fileName} · {t(`import.format.${upload.format}`)}
      </h2>
      <p>
        <strong>{t(`import.status.${upload.status}`)}</strong>
      </p>
      {upload.status === 'running' && (
        <>
          <progress max={upload.total || 1} value={upload.done} style={{ width: '100%' }} />
          <p className="muted">{t('import.progress', { done: upload.done, total: upload.total })}</p>
        </>
      )}
      {upload.problems.length > 0 && (
        <ul className="danger-text">
          {upload.problems.map((problem) => (
            <li
              key={`${problem.file}:${problem.line}:${problem.message}`}
              style={{ overflowWrap: 'anywhere' }}
            >
              {problem.file}
              {problem.line > 0 && `:${problem.line}`} — {problem.message}
            </li>
          ))}
        </ul>
      )}
      {upload.result && <Report report={upload.result} />}
      {!upload.result && upload.dryRun && <Report report={upload.dryRun} />}
    </section>
  );
}

function Report({ report }: { report: ImportReportView }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{report.dryRun ? t('import.dryRun') : t('import.result')}</h3>
      <div style={{ overflowX: 'auto' }}>
        <table className="import-counts">
          <thead>
            <tr>
              <th scope="col">{t('import.kind')}</th>
              <th scope="col">{t('import.records')}</th>
              {!report.dryRun && <th scope="col">{t('import.created')}</th>}
              {!report.dryRun && <th scope="col">{t('import.matched')}</th>}
              <th scope="col">{t('import.skipped')}</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(`import.kinds.${kind}`)}</th>
                <td>{report.records[kind] ?? 0}</td>
                {!report.dryRun && <td>{report.counts[kind]?.created ?? 0}</td>}
                {!report.dryRun && <td>{report.counts[kind]?.matched ?? 0}</td>}
                <td>{report.counts[kind]?.skipped ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.attachments > 0 && <p>{t('import.attachments', { count: report.attachments })}</p>}
      {report.notes.length > 0 && (
        <ul className="muted">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {report.skippedTotal > 0 && (
        <details>
          <summary>{t('import.skippedRows', { count: report.skippedTotal })}</summary>
          <ul>
            {report.skipped.map((row) => (
              <li key={`${row.kind}:${row.sourceId}`} style={{ overflowWrap: 'anywhere' }}>
                {row.file}:{row.line} · {row.kind} {row.sourceId} — {row.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
