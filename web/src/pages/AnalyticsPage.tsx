import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { analyticsApi, analyticsKeys, mayUseAnalytics, type ScorecardFilters } from '../api/analytics.js';
import { ApiError } from '../api/http.js';
import { useSession } from '../api/session.js';
import { DateInput } from '../components/DateInput.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Skeleton } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { usePageTitle } from '../lib/use-title.js';
import { ConditionCard } from './analytics/ConditionCard.js';
import { DetailLists } from './analytics/DetailLists.js';
import { FigureList } from './analytics/FigureList.js';
import { FunnelSection } from './analytics/FunnelSection.js';
import { Heatmap } from './analytics/Heatmap.js';
import { TrendChart } from './analytics/TrendChart.js';

const FILTERS = ['from', 'to', 'community', 'department', 'location'] as const;

/** The adoption scorecard: the six conditions, the benefits and the collaboration picture, with filters. */
export function AnalyticsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('analytics.title'));
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as ScorecardFilters;
  const me = useSession().data?.me;
  // Only a community's own figures are open to its owners: for everyone else, say so without asking for a 403.
  const organisationWide = !filters.community;
  const allowed = !me || mayUseAnalytics(me) || !organisationWide;
  const card = useQuery({
    queryKey: analyticsKeys.scorecard(filters),
    queryFn: () => analyticsApi.scorecard(filters),
    retry: false,
    enabled: allowed,
  });
  const forbidden =
    !allowed || (card.error instanceof ApiError && card.error.status === 403 && organisationWide);

  return (
    <div className="column stack">
      <h1 className="page-title">{t('analytics.title')}</h1>
      <p className="muted lead">{t('analytics.intro')}</p>
      {forbidden ? (
        <p role="alert">{t('analytics.forbidden')}</p>
      ) : (
        <>
          <FilterForm
            filters={filters}
            options={card.data?.options}
            onApply={(next) => setParams(new URLSearchParams(Object.entries(next).filter(([, v]) => v)))}
          />
          {card.isPending && <Skeleton lines={8} />}
          {card.isError && <ErrorMessage error={card.error} />}
          {card.data && (
            <>
              <div
                className="row"
                style={{ flexWrap: 'wrap', gap: '0.75rem', justifyContent: 'space-between' }}
              >
                <p className="muted small" style={{ margin: 0 }}>
                  {t('analytics.period', {
                    from: format.date(card.data.period.from),
                    to: format.date(card.data.period.to),
                    previousFrom: format.date(card.data.previous.from),
                    previousTo: format.date(card.data.previous.to),
                  })}
                  {' · '}
                  {card.data.refreshedAt
                    ? t('analytics.refreshed', { at: format.dateTime(card.data.refreshedAt) })
                    : t('analytics.notRefreshed')}
                </p>
                <a className="button secondary" href={analyticsApi.csvUrl(filters)} download>
                  {t('analytics.csv')}
                </a>
              </div>
              {card.data.withheld ? (
                <p className="card" role="status" data-withheld={card.data.withheld.withheld}>
                  {t('analytics.withheld', { minimum: card.data.withheld.minimum })}
                </p>
              ) : (
                <>
                  {card.data.conditions.map((condition) => (
                    <ConditionCard key={condition.id} condition={condition} />
                  ))}
                  <FunnelSection filters={filters} />
                  <section className="card stack" aria-labelledby="benefits-title" data-section="benefits">
                    <h2 id="benefits-title" style={{ margin: 0 }}>
                      {t('analytics.benefits.title')}
                    </h2>
                    <p className="muted">{t('analytics.benefits.summary')}</p>
                    <div style={GRID}>
                      <FigureList figures={card.data.benefits.figures} />
                      <TrendChart trend={card.data.benefits.trend} title={t('analytics.benefits.title')} />
                    </div>
                    {card.data.benefits.details && <DetailLists details={card.data.benefits.details} />}
                  </section>
                  <section
                    className="card stack"
                    aria-labelledby="collaboration-title"
                    data-section="collaboration"
                  >
                    <h2 id="collaboration-title" style={{ margin: 0 }}>
                      {t('analytics.collaboration.title')}
                    </h2>
                    <p className="muted">{t('analytics.collaboration.summary')}</p>
                    <h3>{t('analytics.collaboration.departments')}</h3>
                    <Heatmap
                      matrix={card.data.collaboration.departments}
                      title={t('analytics.collaboration.departments')}
                    />
                    <h3>{t('analytics.collaboration.locations')}</h3>
                    <Heatmap
                      matrix={card.data.collaboration.locations}
                      title={t('analytics.collaboration.locations')}
                    />
                  </section>
                </>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}

const GRID = {
  display: 'grid',
  gap: '1rem',
  gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 300px), 1fr))',
} as const;

function FilterForm({
  filters,
  options,
  onApply,
}: {
  filters: ScorecardFilters;
  options?: { departments: string[]; locations: string[] };
  onApply: (filters: ScorecardFilters) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ScorecardFilters>(filters);
  const set = (key: keyof ScorecardFilters, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const choice = (key: 'department' | 'location', list: string[] = []) => (
    <div className="field" key={key}>
      <label htmlFor={`analytics-${key}`}>{t(`analytics.filters.${key}`)}</label>
      <select id={`analytics-${key}`} value={draft[key] ?? ''} onChange={(e) => set(key, e.target.value)}>
        <option value="">{t('analytics.filters.all')}</option>
        {[...new Set([...list, ...(draft[key] ? [draft[key]] : [])])].map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <search>
      <form className="filters" onSubmit={submit} aria-label={t('analytics.filters.title')}>
        {(['from', 'to'] as const).map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`analytics-${key}`}>{t(`analytics.filters.${key}`)}</label>
            <DateInput id={`analytics-${key}`} value={draft[key] ?? ''} onChange={(iso) => set(key, iso)} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="analytics-community">{t('analytics.filters.community')}</label>
          <input
            id="analytics-community"
            type="text"
            value={draft.community ?? ''}
            onChange={(e) => set('community', e.target.value.trim())}
          />
        </div>
        {choice('department', options?.departments)}
        {choice('location', options?.locations)}
        <div className="actions">
          <button type="submit" className="button primary">
            {t('analytics.filters.apply')}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            {t('analytics.filters.reset')}
          </button>
        </div>
      </form>
    </search>
  );
}
