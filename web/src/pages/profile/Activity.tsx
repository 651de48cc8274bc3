import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { KindBadge } from '../../components/KindBadge.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useFormat } from '../../i18n/format.js';
import { threadPath } from '../../lib/paths.js';

/** What someone started and where they replied lately, only where the reader may look. */
export function Activity({ handle, name }: { handle: string; name: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const activity = useInfiniteQuery({
    queryKey: keys.activity(handle),
    queryFn: ({ pageParam }) => api.people.activity(handle, { cursor: pageParam, limit: 10 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = activity.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby="activity-heading">
      <h2 id="activity-heading" className="card-title">
        {t('profile.activity')}
      </h2>
      {activity.isPending && <Skeleton card={false} lines={2} />}
      <ErrorMessage error={activity.error} />
      {activity.isSuccess && items.length === 0 && (
        <p className="muted">{t('profile.noActivity', { name })}</p>
      )}
      <ul className="activity-list">
        {items.map((item) => (
          <li key={`${item.type}-${item.type === 'reply' ? item.reply.id : item.thread.id}`}>
            <div className="muted small">
              {item.thread.community
                ? t(item.type === 'thread' ? 'profile.startedIn' : 'profile.repliedIn', {
                    community: item.thread.community.name,
                  })
                : t(item.type === 'thread' ? 'profile.started' : 'profile.replied')}{' '}
              · {format.relative(item.at)}
            </div>
            <div className="activity-title">
              <KindBadge kind={item.thread.kind} />{' '}
              <Link
                to={
                  threadPath(item.thread.id, item.thread.title) +
                  (item.type === 'reply' ? `#reply-${item.reply.id}` : '')
                }
              >
                {item.thread.title || t('thread.untitled')}
              </Link>
            </div>
            {item.type === 'reply' && <p className="excerpt small">{item.reply.excerpt}</p>}
          </li>
        ))}
      </ul>
      {activity.hasNextPage && (
        <button
          type="button"
          className="button secondary small"
          onClick={() => void activity.fetchNextPage()}
        >
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
