import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Goal } from '../../../../contract/goals.js';
import { goalKeys, goalsApi } from '../../api/goals.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { SkeletonList } from '../../components/Skeleton.js';
import { ThreadCard } from '../../components/ThreadCard.js';
import { useFormat } from '../../i18n/format.js';

/** The questions that missed the goal's target, newest first: where to look first. */
export function MissedList({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const missed = useInfiniteQuery({
    queryKey: goalKeys.missed(goal.id),
    queryFn: ({ pageParam }) => goalsApi.missed(goal.id, { cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = missed.data?.pages.flatMap((page) => page.items) ?? [];
  const more = missed.hasNextPage;
  return (
    <section aria-labelledby="goal-missed-title">
      <h2 id="goal-missed-title">{t('goals.page.missedTitle')}</h2>
      {goal.kpi === 'idea_throughput' && <p className="muted">{t('goals.page.missedIdeas')}</p>}
      {missed.isPending && <SkeletonList count={2} />}
      <ErrorMessage error={missed.error} />
      {missed.isSuccess && items.length === 0 && !more && goal.kpi !== 'idea_throughput' && (
        <p className="muted">{t('goals.page.missedNone')}</p>
      )}
      <ul className="thread-list">
        {items.map((item) => (
          <li key={item.thread.id}>
            <p className="muted small">
              {item.minutes === null
                ? t('goals.page.unanswered')
                : t(item.waiting ? 'goals.page.waitingMinutes' : 'goals.page.tookMinutes', {
                    minutes: format.number(Math.round(item.minutes)),
                  })}
            </p>
            <ThreadCard thread={item.thread} />
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" className="button secondary" onClick={() => void missed.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
