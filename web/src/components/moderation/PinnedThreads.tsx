import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { moderationApi, moderationKeys } from '../../api/moderation.js';
import { threadPath } from '../../lib/paths.js';

/** Threads a moderator pinned: on the home page (announcements for everyone who may read them) or atop a community. */
export function PinnedThreads({ slug }: { slug?: string }) {
  const { t } = useTranslation();
  const pinned = useQuery({
    queryKey: slug ? moderationKeys.pinnedIn(slug) : moderationKeys.pinnedHome,
    queryFn: () => (slug ? moderationApi.pinnedIn(slug) : moderationApi.pinnedHome()),
  });
  const items = pinned.data?.items ?? [];
  if (items.length === 0) return null;
  const id = slug ? `pinned-threads-${slug}` : 'pinned-threads-home';
  return (
    <section className="card pinned-threads" aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {slug ? t('moderation.pinned.community') : t('moderation.pinned.home')}
      </h2>
      <ul className="plain-list">
        {items.map((thread) => (
          <li key={thread.id}>
            <Link to={threadPath(thread.id, thread.title)}>{thread.title}</Link>
            {!slug && thread.community && <span className="muted small"> · {thread.community.name}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
