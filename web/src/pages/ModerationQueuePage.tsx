import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { moderationApi, moderationKeys } from '../api/moderation.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SkeletonList } from '../components/Skeleton.js';
import { usePageTitle } from '../lib/use-title.js';
import './moderation/moderation.css';
import { QueueItemCard } from './moderation/QueueItemCard.js';

/** The moderation queue: reports, held posts and appeals the viewer may see, newest first. */
export function ModerationQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('moderation.title'));
  const client = useQueryClient();
  const queue = useInfiniteQuery({
    queryKey: moderationKeys.queue,
    queryFn: ({ pageParam }) => moderationApi.queue({ cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="column narrow">
      <h1 className="page-title">{t('moderation.title')}</h1>
      <p className="muted">{t('moderation.intro')}</p>
      <ErrorMessage error={queue.error} />
      {queue.isPending && <SkeletonList count={3} />}
      {queue.isSuccess && items.length === 0 && <EmptyState icon="check" title={t('moderation.empty')} />}
      <ul className="queue-list">
        {items.map((item) => (
          <QueueItemCard
            key={item.id}
            item={item}
            onDecided={() => void client.invalidateQueries({ queryKey: moderationKeys.queue })}
          />
        ))}
      </ul>
      {queue.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void queue.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
