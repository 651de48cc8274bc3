import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Notification } from '../../../contract/notifications.js';
import { api } from '../api/endpoints.js';
import { keys } from '../api/query-client.js';
import { themePath } from '../api/themes.js';
import { Avatar } from '../components/Avatar.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SkeletonList } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { communityPath, threadPath } from '../lib/paths.js';
import { usePageTitle } from '../lib/use-title.js';
import './moderation/moderation.css';
import { AppealForm, ModerationDetails } from './moderation/AppealForm.js';

const KNOWN = [
  'mention',
  'reply_to_thread',
  'reply_to_reply',
  'accepted_answer',
  'membership_approved',
  'question_answered',
  'idea_status',
  'praised',
  'theme_outcome',
  'routed_question',
  'owner_appointed',
  'moderation',
];

/** Where a notification leads: the reply in its thread, or the community. */
function target(notification: Notification): string | null {
  if (notification.thread) {
    const path = threadPath(notification.thread.id, notification.thread.title);
    return notification.replyId ? `${path}#reply-${notification.replyId}` : path;
  }
  if (notification.theme) return themePath(notification.theme.id);
  const moderated = notification.moderation;
  if (moderated?.threadId) return threadPath(moderated.threadId, moderated.title);
  return notification.community ? communityPath(notification.community.slug) : null;
}

export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const format = useFormat();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const list = useInfiniteQuery({
    queryKey: [...keys.notifications, 'list', unreadOnly],
    queryFn: ({ pageParam }) =>
      api.notifications.list({ cursor: pageParam, limit: 30, unread: unreadOnly ? '1' : undefined }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const refresh = () => client.invalidateQueries({ queryKey: keys.notifications });
  const readAll = useMutation({
    mutationFn: () => api.notifications.readAll(items[0]?.id),
    onSuccess: refresh,
  });
  const open = async (notification: Notification) => {
    if (!notification.readAt) {
      await api.notifications.read(notification.id).catch(() => undefined);
      void refresh();
    }
    const to = target(notification);
    if (to) navigate(to);
  };

  return (
    <div className="column narrow">
      <div className="page-head">
        <h1 className="page-title">{t('notifications.title')}</h1>
        <button
          type="button"
          className="button secondary"
          disabled={readAll.isPending || !items.some((item) => !item.readAt)}
          onClick={() => readAll.mutate()}
        >
          {t('notifications.markAllRead')}
        </button>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={unreadOnly}
          onChange={(event) => setParams(event.target.checked ? { unread: '1' } : {}, { replace: true })}
        />
        {t('notifications.onlyUnread')}
      </label>
      <ErrorMessage error={list.error ?? readAll.error} />
      {list.isPending && <SkeletonList count={3} />}
      {list.isSuccess && items.length === 0 && (
        <EmptyState
          icon="bell"
          title={unreadOnly ? t('notifications.allRead') : t('notifications.emptyTitle')}
          action={
            <Link to="/" className="button secondary">
              {t('notifications.backHome')}
            </Link>
          }
        >
          {t('notifications.emptyText')}
        </EmptyState>
      )}
      <ul className="notification-list">
        {items.map((notification) => {
          const kind = KNOWN.includes(notification.kind) ? notification.kind : 'other';
          return (
            <li key={notification.id}>
              <button
                type="button"
                className={notification.readAt ? 'notification' : 'notification unread'}
                onClick={() => void open(notification)}
              >
                {notification.actor ? (
                  <Avatar person={notification.actor} size={36} />
                ) : (
                  <span className="avatar" aria-hidden="true" />
                )}
                <span className="notification-text">
                  <span>
                    <strong>{notification.actor?.name ?? t('notifications.someone')}</strong>{' '}
                    {notification.moderation
                      ? t(`moderation.done.${notification.moderation.action}`, t('moderation.done.other'))
                      : t(`notifications.kind.${kind}`)}{' '}
                    <strong>
                      {notification.thread?.title ??
                        notification.community?.name ??
                        notification.theme?.title ??
                        notification.moderation?.title ??
                        ''}
                    </strong>
                  </span>
                  {notification.moderation && <ModerationDetails moderation={notification.moderation} />}
                  {notification.ideaStatus && (
                    <span className="notification-note">
                      {t(`status.${notification.ideaStatus.to}`, notification.ideaStatus.to)}: “
                      {notification.ideaStatus.note}”
                    </span>
                  )}
                  <span className="muted small">
                    {format.relative(notification.createdAt)}
                    {!notification.readAt && (
                      <span className="visually-hidden"> · {t('notifications.unread')}</span>
                    )}
                  </span>
                </span>
                {!notification.readAt && <span className="unread-dot" aria-hidden="true" />}
              </button>
              {notification.moderation?.appealable && (
                <AppealForm actionId={notification.moderation.actionId} />
              )}
            </li>
          );
        })}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void list.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
