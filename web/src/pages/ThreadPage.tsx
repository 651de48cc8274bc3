import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api/endpoints.js';
import { ApiError, isNotFound } from '../api/http.js';
import { useLiveEvent } from '../api/live.js';
import { keys } from '../api/query-client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Skeleton } from '../components/Skeleton.js';
import { threadIdOf, threadPath } from '../lib/paths.js';
import { usePageTitle } from '../lib/use-title.js';
import { NotFoundPage } from './NotFoundPage.js';
import { AmaPanel } from './thread/AmaPanel.js';
import { EventPanel } from './thread/EventPanel.js';
import { threadHeading } from './thread/heading.js';
import { PollPanel } from './thread/PollPanel.js';
import { ReplyBox } from './thread/ReplyBox.js';
import { ReplyList } from './thread/ReplyList.js';
import { ThreadBody } from './thread/ThreadBody.js';

/** Replies per page: the first comes with the thread, later ones as the reader asks. */
const REPLIES_PER_PAGE = 100;

export function ThreadPage() {
  const { ref } = useParams();
  const id = threadIdOf(ref);
  if (!id) return <NotFoundPage />;
  return <Thread id={id} refInUrl={ref!} />;
}

function Thread({ id, refInUrl }: { id: string; refInUrl: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // One request opens the page: the thread, its first page of replies and their files. The live stream only
  // carries replies of threads one follows; for the others, look now and then.
  const thread = useQuery({
    queryKey: keys.thread(id),
    queryFn: () => api.threads.view(id, REPLIES_PER_PAGE),
    refetchInterval: (query) => (query.state.data?.followedByMe ? false : 20_000),
  });
  const following = thread.data?.followedByMe ?? false;
  // Later pages, from the first page's cursor, once the reader asks for them.
  const [readOn, setReadOn] = useState(false);
  const firstCursor = thread.data?.replies.nextCursor ?? null;
  const later = useInfiniteQuery({
    queryKey: [...keys.replies(id), firstCursor],
    queryFn: ({ pageParam }) => api.threads.replies(id, { cursor: pageParam, limit: REPLIES_PER_PAGE }),
    initialPageParam: firstCursor ?? '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: readOn && firstCursor !== null,
    refetchInterval: following ? false : 20_000,
  });
  usePageTitle(thread.data ? threadHeading(thread.data, t) : thread.isError ? t('notFound.title') : null);

  useLiveEvent('reply', (event) => {
    if (event.threadId !== id) return;
    void client.invalidateQueries({ queryKey: keys.replies(id) });
    void client.invalidateQueries({ queryKey: keys.thread(id) });
  });

  // Keep the address tidy: /t/12 or an old title becomes /t/12-the-current-title.
  useEffect(() => {
    if (!thread.data || thread.data.removed) return;
    const canonical = threadPath(id, thread.data.title);
    if (canonical !== `/t/${refInUrl}`) navigate(canonical + location.hash, { replace: true });
  }, [thread.data, id, refInUrl, navigate, location.hash]);

  // A link from a notification points at one reply: bring it into view once it is there.
  const allReplies = [
    ...(thread.data?.replies.items ?? []),
    ...(readOn ? (later.data?.pages.flatMap((page) => page.items) ?? []) : []),
  ];
  const hasMore = firstCursor !== null && (!readOn || later.isPending || later.hasNextPage);
  useEffect(() => {
    if (!location.hash.startsWith('#reply-') || allReplies.length === 0) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [location.hash, allReplies.length]);

  if (thread.isPending) {
    return (
      <div className="column narrow">
        <Skeleton lines={5} />
      </div>
    );
  }
  if (isNotFound(thread.error)) return <NotFoundPage />;
  if (thread.isError) {
    const closed = thread.error instanceof ApiError && thread.error.status === 403;
    return (
      <div className="column narrow">
        {closed ? (
          <div className="card">
            <h1>{t('thread.closedTitle')}</h1>
            <p className="muted">{t('thread.closedText')}</p>
          </div>
        ) : (
          <ErrorMessage error={thread.error} />
        )}
      </div>
    );
  }

  const data = thread.data;
  return (
    <div className="column narrow">
      <ThreadBody thread={data} />
      {data.kind === 'poll' && <PollPanel thread={data} />}
      {data.kind === 'event' && <EventPanel thread={data} />}
      {data.kind === 'ama' && <AmaPanel thread={data} />}
      <section className="replies" aria-labelledby="replies-heading">
        <h2 id="replies-heading" className="section-title">
          {/* Until every page is here, the thread's own count (the shown ones would say too few). */}
          {t('thread.replyCount', {
            count: hasMore ? data.replyCount : allReplies.filter((reply) => !reply.removed).length,
          })}
        </h2>
        <ReplyList thread={data} replies={allReplies} />
        {readOn && later.isFetching && <Skeleton lines={2} />}
        {later.isError && <ErrorMessage error={later.error} />}
        {hasMore && !later.isFetching && (
          <button
            type="button"
            className="button secondary"
            onClick={() => (readOn ? void later.fetchNextPage() : setReadOn(true))}
          >
            {t('common.loadMore')}
          </button>
        )}
        {!data.removed && !data.locked && <ReplyBox threadId={id} kind={data.kind} />}
      </section>
    </div>
  );
}
