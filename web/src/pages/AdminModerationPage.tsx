import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moderationApi, moderationKeys } from '../api/moderation.js';
import { useMe } from '../api/session.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Skeleton } from '../components/Skeleton.js';
import { usePageTitle } from '../lib/use-title.js';

type Action = 'block' | 'hold';
type Entry = { value: string; action: Action };

/** One list of filters (words or link domains): each entry blocks a post or holds it for review. */
function FilterList({
  kind,
  entries,
  onChange,
}: {
  kind: 'words' | 'domains';
  entries: Entry[];
  onChange: (next: Entry[]) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [action, setAction] = useState<Action>('hold');
  const add = () => {
    const trimmed = value.trim();
    if (!trimmed) return;
    onChange([...entries.filter((entry) => entry.value !== trimmed), { value: trimmed, action }]);
    setValue('');
  };
  const label = t(`moderation.filters.${kind}.label`);
  return (
    <fieldset className="filter-list">
      <legend>{t(`moderation.filters.${kind}.title`)}</legend>
      <p className="muted small">{t(`moderation.filters.${kind}.explain`)}</p>
      {entries.length === 0 && <p className="muted small">{t('moderation.filters.none')}</p>}
      <ul className="plain-list">
        {entries.map((entry, index) => (
          <li key={entry.value} className="row">
            <span className="filter-term">{entry.value}</span>
            <select
              aria-label={t('moderation.filters.actionFor', { term: entry.value })}
              value={entry.action}
              onChange={(event) =>
                onChange(
                  entries.map((e, i) => (i === index ? { ...e, action: event.target.value as Action } : e)),
                )
              }
            >
              <option value="block">{t('moderation.filters.block')}</option>
              <option value="hold">{t('moderation.filters.hold')}</option>
            </select>
            <button
              type="button"
              className="button secondary small"
              aria-label={t('moderation.filters.removeTerm', { term: entry.value })}
              onClick={() => onChange(entries.filter((_, i) => i !== index))}
            >
              {t('moderation.filters.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="row wrap">
        <input
          aria-label={label}
          placeholder={t(`moderation.filters.${kind}.placeholder`)}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <select
          aria-label={t('moderation.filters.newAction', { list: label })}
          value={action}
          onChange={(event) => setAction(event.target.value as Action)}
        >
          <option value="block">{t('moderation.filters.block')}</option>
          <option value="hold">{t('moderation.filters.hold')}</option>
        </select>
        <button type="button" className="button secondary" onClick={add}>
          {t('moderation.filters.add', { list: label })}
        </button>
      </div>
    </fieldset>
  );
}

/** Whether every reader sees a post's edit history, or only its author and moderators (docs/MODERATION.md). */
function EditHistorySetting() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: moderationKeys.settings, queryFn: moderationApi.settings });
  const save = useMutation({
    mutationFn: (on: boolean) => moderationApi.updateSettings({ editHistoryForReaders: on }),
    onSuccess: (saved) => client.setQueryData(moderationKeys.settings, saved),
  });
  return (
    <section className="card form" aria-labelledby="edit-history-setting">
      <h2 id="edit-history-setting" className="section-title">
        {t('editHistory.settingTitle')}
      </h2>
      <p className="muted small">{t('editHistory.settingExplain')}</p>
      <ErrorMessage error={settings.error ?? save.error} />
      {settings.data ? (
        <label className="row">
          <input
            type="checkbox"
            checked={settings.data.editHistoryForReaders}
            disabled={save.isPending}
            onChange={(event) => save.mutate(event.target.checked)}
          />
          {t('editHistory.settingReaders')}
        </label>
      ) : (
        <Skeleton lines={1} />
      )}
      {save.isSuccess && (
        <p role="status" className="muted small">
          {t('editHistory.settingSaved')}
        </p>
      )}
    </section>
  );
}

/** Admins: the organisation's word and link filters (docs/MODERATION.md); saving is audited. */
export function AdminModerationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  usePageTitle(t('moderation.filters.title'));
  const filters = useQuery({
    queryKey: moderationKeys.filters,
    queryFn: moderationApi.filters,
    enabled: me.role === 'admin',
  });
  const [words, setWords] = useState<Entry[] | null>(null);
  const [domains, setDomains] = useState<Entry[] | null>(null);
  useEffect(() => {
    if (!filters.data || words !== null) return;
    setWords(filters.data.words.map((w) => ({ value: w.term, action: w.action })));
    setDomains(filters.data.domains.map((d) => ({ value: d.domain, action: d.action })));
  }, [filters.data, words]);
  const save = useMutation({
    mutationFn: () =>
      moderationApi.updateFilters({
        words: (words ?? []).map((w) => ({ term: w.value, action: w.action })),
        domains: (domains ?? []).map((d) => ({ domain: d.value, action: d.action })),
      }),
    onSuccess: (saved) => client.setQueryData(moderationKeys.filters, saved),
  });
  if (me.role !== 'admin') {
    return (
      <div className="column narrow">
        <EmptyState icon="lock" title={t('moderation.filters.title')}>
          {t('moderation.filters.notAllowed')}
        </EmptyState>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <div className="column narrow">
      <h1 className="page-title">{t('moderation.filters.title')}</h1>
      <p className="muted">{t('moderation.filters.intro')}</p>
      <ErrorMessage error={filters.error} />
      {words === null || domains === null ? (
        <Skeleton lines={4} />
      ) : (
        <form className="card form" onSubmit={submit}>
          <FilterList kind="words" entries={words} onChange={setWords} />
          <FilterList kind="domains" entries={domains} onChange={setDomains} />
          <ErrorMessage error={save.error} />
          {save.isSuccess && (
            <p role="status" className="muted small">
              {t('moderation.filters.saved')}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('moderation.filters.save')}
            </button>
          </div>
        </form>
      )}
      <EditHistorySetting />
    </div>
  );
}
