import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { goalKeys, goalsApi } from '../api/goals.js';
import { isNotFound } from '../api/http.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { PersonLink } from '../components/PersonLink.js';
import { Skeleton } from '../components/Skeleton.js';
import { communityPath, tagPath } from '../lib/paths.js';
import { usePageTitle } from '../lib/use-title.js';
import { actualText, calendarText, MetBadge, targetText } from './goal/figures.js';
import { KpiChart } from './goal/KpiChart.js';
import { MissedList } from './goal/MissedList.js';

/** One goal: its KPI now and per week against the target, its scope and owner, and the threads that missed. */
export function GoalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const goal = useQuery({ queryKey: goalKeys.one(id), queryFn: () => goalsApi.get(id) });
  usePageTitle(goal.data?.name ?? t('goals.title'));
  const archive = useMutation({
    mutationFn: (archived: boolean) => goalsApi.update(id, { archived }),
    onSuccess: (updated) => {
      client.setQueryData(goalKeys.one(id), updated);
      void client.invalidateQueries({ queryKey: goalKeys.list() });
    },
  });
  if (goal.isPending) return <Skeleton lines={6} />;
  if (isNotFound(goal.error)) return <EmptyState title={t('goals.page.notFound')} />;
  if (!goal.data) return <ErrorMessage error={goal.error} />;
  const g = goal.data;
  return (
    <div className="column">
      <p className="muted small">
        <Link to="/goals">{t('goals.title')}</Link>
      </p>
      <div className="page-head">
        <h1 className="page-title">{g.name}</h1>
        {g.canEdit && (
          <button type="button" className="button secondary" onClick={() => archive.mutate(!g.archived)}>
            {g.archived ? t('goals.page.unarchive') : t('goals.page.archive')}
          </button>
        )}
      </div>
      <ErrorMessage error={archive.error} />
      {g.description && <p className="lead">{g.description}</p>}
      <section className="card goal-summary" aria-label={t('goals.current')}>
        <div className="badges">
          <span className="badge">{t(`goals.kpi.${g.kpi}`)}</span>
          {g.archived ? (
            <span className="badge">{t('goals.archivedBadge')}</span>
          ) : (
            <MetBadge met={g.current.met} />
          )}
        </div>
        <p className="goal-figure">
          <strong>{actualText(t, g, g.current)}</strong> <span className="muted">· {t('goals.current')}</span>
        </p>
        <p>{targetText(t, g)}</p>
        <p className="muted small">{t(`goals.definition.${g.kpi}`)}</p>
        {g.kpi !== 'answer_rate' && g.kpi !== 'idea_throughput' && (
          <p className="muted small">{calendarText(t, g)}</p>
        )}
        <p className="muted small">
          {t('goals.owner', { name: '' })}
          <PersonLink person={g.owner} />
        </p>
        <h2 className="small">{t('goals.scope')}</h2>
        {g.scope.communities.length + g.scope.hashtags.length === 0 ? (
          <p className="muted small">{t('goals.scopeEmpty')}</p>
        ) : (
          <ul className="tag-list">
            {g.scope.communities.map((community) => (
              <li key={community.slug}>
                <Link to={communityPath(community.slug)}>{community.name}</Link>
              </li>
            ))}
            {g.scope.hashtags.map((tag) => (
              <li key={tag}>
                <Link to={tagPath(tag)}>#{tag}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <KpiChart goal={g} />
      <MissedList goal={g} />
    </div>
  );
}
