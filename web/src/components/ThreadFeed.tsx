import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamEvent } from '../../../contract/events.js';
import type { ThreadSummary } from '../../../contract/threads.js';
import type { Page } from '../api/endpoints.js';
import { useLiveEvent } from '../api/live.js';
import { ErrorMessage } from './ErrorMessage.js';
import { NewPostsBar } from './NewPostsBar.js';
import { isOwnThread } from './own-threads.js';
import { SkeletonList } from './Skeleton.js';
import { ThreadCard } from './ThreadCard.js';

/**
 * A list of threads, page by page. Threads that others start while it is open are counted in a
 * "N new posts" bar instead of pushing the list down under the reader's eyes.
 */
export function ThreadFeed({
  queryKey,
  fetchPage,
  isLive,
  empty,
  label,
}: {
  queryKey: QueryKey;
  fetchPage: (cursor: string | undefined) => Promise<Page<ThreadSummary>>;
  /** Whether a live "thread" event belongs in this list; omitted: the list is not live. */
  isLive?: (event: StreamEvent) => boolean;
  empty: ReactNode;
  label: string;
}) {
  const { t } = useTranslation();
  const [waiting, setWaiting] = useState<string[]>([]);
  const top = useRef<HTMLHeadingElement>(null);
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Refreshing on focus would reorder the list while someone reads it; the bar does that on request.
    refetchOnWindowFocus: false,
  });
  const threads = query.data?.pages.flatMap((page) => page.items) ?? [];

  useLiveEvent('thread', (event) => {
    if (!isLive?.(event) || !event.threadId || isOwnThread(event.threadId)) return;
    if (threads.some((thread) => thread.id === event.threadId)) return;
    setWaiting((ids) => (ids.includes(event.threadId!) ? ids : [...ids, event.threadId!]));
  });

  const showNew = async () => {
    await query.refetch();
    setWaiting([]);
    top.current?.focus();
    top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <section className="feed" aria-labelledby={`${label}-heading`}>
      <h2 id={`${label}-heading`} className="visually-hidden" tabIndex={-1} ref={top}>
        {t(`feed.${label}`)}
      </h2>
      <NewPostsBar count={waiting.length} onShow={showNew} />
      {query.isPending && <SkeletonList />}
      {query.isError && <ErrorMessage error={query.error} />}
      {query.isSuccess && threads.length === 0 && empty}
      <div className="stack">
        {threads.map((thread) => (
          <ThreadCard key={thread.id} thread={thread} />
        ))}
      </div>
      {query.hasNextPage && (
        <div className="load-more">
          <button
            type="button"
            className="button secondary"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}
