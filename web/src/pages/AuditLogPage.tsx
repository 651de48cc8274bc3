import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilters, moderationApi, moderationKeys } from '../api/moderation.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { SkeletonList } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { usePageTitle } from '../lib/use-title.js';
import './moderation/moderation.css';

const FIELDS = ['actor', 'action', 'targetType', 'targetId'] as const;

/** A local date-time input's value as an ISO instant (empty: no bound). */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The audit log for admins: filter by actor, action, target and time; page through it; export it as CSV. */
export function AuditLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const format = useFormat();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [filters, setFilters] = useState<AuditFilters>({});
  const log = useInfiniteQuery({
    queryKey: moderationKeys.audit(filters),
    queryFn: ({ pageParam }) => moderationApi.audit({ ...filters, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const text = (key: string) => draft[key]?.trim() || undefined;
    setFilters({
      actor: text('actor'),
      action: text('action'),
      targetType: text('targetType'),
      targetId: text('targetId'),
      from: instant(draft.from ?? ''),
      to: instant(draft.to ?? ''),
    });
  };
  const input = (key: string, type = 'text') => (
    <input
      type={type}
      value={draft[key] ?? ''}
      onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
    />
  );
  return (
    <div className="column">
      <div className="page-head">
        <h1 className="page-title">{t('audit.title')}</h1>
        <a className="button secondary" href={moderationApi.auditCsvUrl(filters)} download>
          {t('audit.csv')}
        </a>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      <form className="audit-filters" onSubmit={apply}>
        {FIELDS.map((key) => (
          <Field
            key={key}
            label={t(`audit.${key}`)}
            hint={key === 'action' ? t('audit.actionHint') : undefined}
          >
            {input(key)}
          </Field>
        ))}
        <Field label={t('audit.from')}>{input('from', 'datetime-local')}</Field>
        <Field label={t('audit.to')}>{input('to', 'datetime-local')}</Field>
        <button type="submit" className="button primary">
          {t('audit.apply')}
        </button>
      </form>
      <ErrorMessage error={log.error} />
      {log.isPending && <SkeletonList count={3} />}
      {log.isSuccess && entries.length === 0 && <EmptyState icon="search" title={t('audit.empty')} />}
      {entries.length > 0 && (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.createdAt}>{format.dateTime(entry.createdAt)}</time>
                  </td>
                  <td>{entry.actor ? `${entry.actor.name} (@${entry.actor.handle})` : t('audit.system')}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.targetType} {entry.targetId}
                  </td>
                  <td className="audit-change">
                    <code>{entry.before === null ? '—' : JSON.stringify(entry.before)}</code>
                    {' → '}
                    <code>{entry.after === null ? '—' : JSON.stringify(entry.after)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void log.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
