import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { goalKeys, goalsApi } from '../api/goals.js';
import { useMe } from '../api/session.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';
import { SkeletonList } from '../components/Skeleton.js';
import { usePageTitle } from '../lib/use-title.js';
import { actualText, MetBadge, targetText } from './goal/figures.js';
import { GoalForm } from './goal/GoalForm.js';

/** Every goal, active first, with how it is doing over the last 28 days; leaders and admins set new ones here. */
export function GoalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('goals.title'));
  const me = useMe();
  const maySet = me.isLeader || me.role === 'admin';
  const [creating, setCreating] = useState(false);
  const goals = useInfiniteQuery({
    queryKey: goalKeys.list(),
    queryFn: ({ pageParam }) => goalsApi.list({ cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = goals.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="column">
      <div className="page-head">
        <h1 className="page-title">{t('goals.title')}</h1>
        {maySet && !creating && (
          <button type="button" className="button secondary" onClick={() => setCreating(true)}>
            <Icon name="plus" size={16} /> {t('goals.create')}
          </button>
        )}
      </div>
      <p className="muted lead">{t('goals.intro')}</p>
      {creating && <GoalForm onCancel={() => setCreating(false)} />}
      {goals.isPending && <SkeletonList count={3} />}
      <ErrorMessage error={goals.error} />
      {goals.isSuccess && list.length === 0 && (
        <EmptyState icon="check" title={t('goals.emptyTitle')}>
          {t('goals.emptyText')}
        </EmptyState>
      )}
      <ul className="goal-list">
        {list.map((goal) => (
          <li key={goal.id} className="card goal-card">
            <div className="badges">
              <span className="badge">{t(`goals.kpi.${goal.kpi}`)}</span>
              {goal.archived ? (
                <span className="badge">{t('goals.archivedBadge')}</span>
              ) : (
                <MetBadge met={goal.current.met} />
              )}
            </div>
            <h2 className="goal-card-name">
              <Link to={`/goals/${goal.id}`}>{goal.name}</Link>
            </h2>
            <p>
              <strong>{actualText(t, goal, goal.current)}</strong>{' '}
              <span className="muted small">· {t('goals.current')}</span>
            </p>
            <p className="muted small">
              {targetText(t, goal)} · {t('goals.owner', { name: goal.owner.name })}
            </p>
          </li>
        ))}
      </ul>
      {goals.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void goals.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
