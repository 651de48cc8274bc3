import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/endpoints.js';
import { keys } from '../api/query-client.js';
import { useMe } from '../api/session.js';
import { Composer } from '../components/Composer.js';
import { EmptyState } from '../components/EmptyState.js';
import { PinnedThreads } from '../components/moderation/PinnedThreads.js';
import { PinnedThemes } from '../components/PinnedThemes.js';
import { ThreadFeed } from '../components/ThreadFeed.js';
import { communityPath } from '../lib/paths.js';
import { usePageTitle } from '../lib/use-title.js';

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const me = useMe();
  const mine = useQuery({
    queryKey: keys.myGroups,
    queryFn: () => api.groups.list({ member: 'me', limit: 100 }),
  });
  const firstName = me.name.split(' ')[0];
  return (
    <div className="with-aside">
      <div className="column">
        <h1 className="page-title">{t('home.greeting', { name: firstName })}</h1>
        <PinnedThemes />
        <PinnedThreads />
        <Composer />
        <ThreadFeed
          queryKey={keys.feed}
          label="home"
          fetchPage={(cursor) => api.feed.home({ cursor })}
          isLive={() => true}
          empty={
            <EmptyState
              icon="groups"
              title={t('home.emptyTitle')}
              action={
                <Link to="/groups" className="button primary">
                  {t('home.findCommunities')}
                </Link>
              }
            >
              {t('home.emptyText')}
            </EmptyState>
          }
        />
      </div>
      <aside className="aside" aria-label={t('home.aside')}>
        <section className="card">
          <h2 className="card-title">{t('home.myCommunities')}</h2>
          {mine.data && mine.data.items.length === 0 && (
            <p className="muted small">{t('home.noCommunities')}</p>
          )}
          <ul className="plain-list">
            {mine.data?.items.map((community) => (
              <li key={community.slug}>
                <Link to={communityPath(community.slug)}>{community.name}</Link>
              </li>
            ))}
          </ul>
          <Link to="/groups" className="small">
            {t('home.allCommunities')}
          </Link>
        </section>
        <section className="card tips">
          <h2 className="card-title">{t('home.tipsTitle')}</h2>
          <ol className="tips-list">
            <li>
              <Link to="/groups">{t('home.tipJoin')}</Link>
            </li>
            <li>{t('home.tipAsk')}</li>
            <li>
              <Link to="/settings">{t('home.tipProfile')}</Link>
            </li>
          </ol>
        </section>
      </aside>
    </div>
  );
}
