import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../api/session.js';
import { themeKeys, themePath, themesApi } from '../api/themes.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SkeletonList } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { usePageTitle } from '../lib/use-title.js';
import { ThemeBadges } from './theme/ThemeBadges.js';
import { ThemeForm } from './theme/ThemeForm.js';
import './theme/themes.css';

const STATES = ['open', 'closed', 'all'] as const;
type State = (typeof STATES)[number];

/** Every strategic theme, open ones first; leaders and admins open new ones here. */
export function ThemesPage() {
  const { t } = useTranslation();
  usePageTitle(t('themes.title'));
  const me = useMe();
  const format = useFormat();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state: State = STATES.find((s) => s === params.get('state')) ?? 'all';
  const [creating, setCreating] = useState(false);
  const mayOpen = me.isLeader || me.role === 'admin';
  const list = useInfiniteQuery({
    queryKey: themeKeys.list(state),
    queryFn: ({ pageParam }) => themesApi.list({ state, cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const create = useMutation({
    mutationFn: themesApi.create,
    onSuccess: (theme) => {
      void client.invalidateQueries({ queryKey: themeKeys.all });
      navigate(themePath(theme.id));
    },
  });
  const themes = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="column">
      <div className="page-head">
        <h1 className="page-title">{t('themes.title')}</h1>
        {mayOpen && !creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            {t('themes.newTheme')}
          </button>
        )}
      </div>
      <p className="muted lead">{t('themes.intro')}</p>
      {creating && (
        <section className="card" aria-labelledby="new-theme-title">
          <h2 id="new-theme-title" className="card-title">
            {t('themes.form.createTitle')}
          </h2>
          <ThemeForm
            canNameOwner={me.role === 'admin'}
            submitLabel={t('themes.form.create')}
            pending={create.isPending}
            error={create.error}
            onSubmit={(values) => create.mutate(values)}
            onCancel={() => setCreating(false)}
          />
        </section>
      )}
      <fieldset className="theme-filter">
        <legend className="visually-hidden">{t('themes.filter')}</legend>
        {STATES.map((option) => (
          <button
            key={option}
            type="button"
            className="tab"
            aria-pressed={state === option}
            onClick={() => setParams(option === 'all' ? {} : { state: option }, { replace: true })}
          >
            {t(`themes.states.${option}`)}
          </button>
        ))}
      </fieldset>
      <ErrorMessage error={list.error} />
      {list.isPending && <SkeletonList count={3} />}
      {list.isSuccess && themes.length === 0 && (
        <EmptyState icon="pin" title={t('themes.empty')}>
          {mayOpen ? t('themes.emptyLeader') : null}
        </EmptyState>
      )}
      <ul className="theme-list">
        {themes.map((theme) => (
          <li key={theme.id} className="card">
            <div className="theme-meta">
              <h2 className="theme-item-title">
                <Link to={themePath(theme.id)}>{theme.title}</Link>
              </h2>
              <ThemeBadges theme={theme} />
            </div>
            <p className="theme-item-question">{theme.question}</p>
            <div className="theme-meta small muted">
              <span>{t('themes.by', { name: theme.owner.name })}</span>
              <span>{t('themes.opened', { date: format.date(theme.createdAt) })}</span>
              {theme.state === 'open' && theme.endsAt && (
                <span>{t('themes.endsOn', { date: format.date(theme.endsAt) })}</span>
              )}
              {theme.closedAt && <span>{t('themes.closedOn', { date: format.date(theme.closedAt) })}</span>}
              <span>
                {t('themes.figures.participants')}: {format.number(theme.figures.participants)}
              </span>
              <span>
                {t('themes.figures.threads')}: {format.number(theme.figures.threads)}
              </span>
            </div>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void list.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
