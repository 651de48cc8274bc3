import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ideaKeys, ideasApi } from '../../api/ideas.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Skeleton } from '../../components/Skeleton.js';
import { ThreadCard } from '../../components/ThreadCard.js';

/** Praise this person received, newest first, where the reader may read it. */
export function Praise({ handle }: { handle: string }) {
  const { t } = useTranslation();
  const praise = useInfiniteQuery({
    queryKey: ideaKeys.praise(handle),
    queryFn: ({ pageParam }) => ideasApi.praise(handle, { cursor: pageParam, limit: 5 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = praise.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card praise-received" aria-labelledby="praise-heading">
      <h2 id="praise-heading" className="card-title">
        {t('praise.received')}
      </h2>
      {praise.isPending && <Skeleton card={false} lines={2} />}
      <ErrorMessage error={praise.error} />
      {praise.isSuccess && items.length === 0 && <p className="muted">{t('praise.none')}</p>}
      <div className="stack">
        {items.map((thread) => (
          <ThreadCard key={thread.id} thread={thread} />
        ))}
      </div>
      {praise.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          disabled={praise.isFetchingNextPage}
          onClick={() => void praise.fetchNextPage()}
        >
          {praise.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
