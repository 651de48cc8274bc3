import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { healthApi, healthKeys } from '../api/health.js';
import { useMe } from '../api/session.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { PersonLink } from '../components/PersonLink.js';
import { ScrollRegion } from '../components/ScrollRegion.js';
import { Skeleton } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { communityPath } from '../lib/paths.js';
import { usePageTitle } from '../lib/use-title.js';

/** For admins and community managers: communities without a sponsor or below their viability threshold. */
export function AdminCommunitiesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  usePageTitle(t('adminCommunities.title'));
  const allowed = me.role === 'admin' || me.role === 'community_manager';
  const list = useInfiniteQuery({
    queryKey: healthKeys.attention,
    queryFn: ({ pageParam }) => healthApi.attention({ cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: allowed,
  });
  if (!allowed) {
    return (
      <div className="column narrow">
        <EmptyState icon="lock" title={t('adminCommunities.title')}>
          {t('adminCommunities.notAllowed')}
        </EmptyState>
      </div>
    );
  }
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="column">
      <h1>{t('adminCommunities.title')}</h1>
      <p className="muted">{t('adminCommunities.intro')}</p>
      {list.isPending && <Skeleton lines={4} />}
      <ErrorMessage error={list.error} />
      {list.isSuccess && items.length === 0 && !list.hasNextPage && (
        <EmptyState icon="check" title={t('adminCommunities.emptyTitle')}>
          {t('adminCommunities.emptyText')}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ScrollRegion label={t('adminCommunities.title')}>
          <table className="attention-table">
            <caption className="visually-hidden">{t('adminCommunities.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminCommunities.community')}</th>
                <th scope="col">{t('adminCommunities.reasons')}</th>
                <th scope="col">{t('adminCommunities.active')}</th>
                <th scope="col">{t('adminCommunities.sponsor')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={communityPath(item.slug)}>{item.name}</Link>
                    <span className="muted small block">
                      {t(`visibility.${item.visibility}`)} · {t(`communityKinds.${item.kind}`)} ·{' '}
                      {t('community.memberCount', {
                        count: item.memberCount,
                        formatted: format.number(item.memberCount),
                      })}
                    </span>
                  </th>
                  <td>{item.reasons.map((reason) => t(`adminCommunities.reason.${reason}`)).join(', ')}</td>
                  <td>
                    {item.withheld
                      ? t('analytics.withheld', { minimum: item.withheld.minimum })
                      : item.activeParticipants === null
                        ? t('adminCommunities.hidden')
                        : t('adminCommunities.activeOf', {
                            active: format.number(item.activeParticipants),
                            threshold: format.number(item.threshold),
                          })}
                  </td>
                  <td>
                    {item.sponsor ? <PersonLink person={item.sponsor} /> : t('adminCommunities.noSponsor')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('adminCommunities.more')}
        </button>
      )}
    </div>
  );
}
