import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { COMMUNITY_KINDS } from '../api/contract-values.js';
import { api } from '../api/endpoints.js';
import { keys } from '../api/query-client.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';
import { SkeletonList } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { communityPath } from '../lib/paths.js';
import { useDebounced } from '../lib/use-debounced.js';
import { usePageTitle } from '../lib/use-title.js';
import { VisibilityBadge } from './community/CommunityHeader.js';

/** Find a community: search by name, filter by kind or to your own; the filters live in the URL. */
export function CommunitiesPage() {
  const { t } = useTranslation();
  usePageTitle(t('communities.title'));
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kindParam = params.get('kind');
  const kind = COMMUNITY_KINDS.find((option) => option === kindParam);
  const mine = params.get('mine') === '1';
  const search = useDebounced(q);
  const query = { q: search || undefined, kind, member: mine ? ('me' as const) : undefined };
  const groups = useInfiniteQuery({
    queryKey: keys.groups(query),
    queryFn: ({ pageParam }) => api.groups.list({ ...query, cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = groups.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="column">
      <div className="page-head">
        <h1 className="page-title">{t('communities.title')}</h1>
        <Link to="/groups/new" className="button secondary">
          <Icon name="plus" size={16} /> {t('communities.create')}
        </Link>
      </div>
      <p className="muted lead">{t('communities.intro')}</p>
      <search>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field grow">
            <label htmlFor="community-search">{t('communities.search')}</label>
            <input
              id="community-search"
              type="search"
              value={q}
              onChange={(event) => set('q', event.target.value)}
              placeholder={t('communities.searchPlaceholder')}
            />
          </div>
          <div className="field">
            <label htmlFor="community-kind">{t('communities.kind')}</label>
            <select
              id="community-kind"
              value={kind ?? ''}
              onChange={(event) => set('kind', event.target.value || null)}
            >
              <option value="">{t('communities.allKinds')}</option>
              {COMMUNITY_KINDS.map((option) => (
                <option key={option} value={option}>
                  {t(`communityKinds.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={mine}
              onChange={(event) => set('mine', event.target.checked ? '1' : null)}
            />
            {t('communities.onlyMine')}
          </label>
        </form>
      </search>
      {groups.isPending && <SkeletonList count={3} />}
      <ErrorMessage error={groups.error} />
      {groups.isSuccess && list.length === 0 && (
        <EmptyState
          icon="groups"
          title={q ? t('communities.noneFound', { q }) : t('communities.emptyTitle')}
          action={
            <Link to="/groups/new" className="button primary">
              {t('communities.createFirst')}
            </Link>
          }
        >
          {t('communities.emptyText')}
        </EmptyState>
      )}
      <ul className="community-grid">
        {list.map((community) => (
          <li key={community.id} className="card community-card">
            <div className="badges">
              <VisibilityBadge visibility={community.visibility} />
              <span className="badge">{t(`communityKinds.${community.kind}`)}</span>
              {community.myRole && (
                <span className="badge role">{t(`community.role.${community.myRole}`)}</span>
              )}
              {community.myRequest && <span className="badge">{t('community.requestPending')}</span>}
            </div>
            <h2 className="community-card-name">
              <Link to={communityPath(community.slug)}>{community.name}</Link>
            </h2>
            {community.description && <p className="excerpt">{community.description}</p>}
            <p className="muted small">
              {t('community.memberCount', {
                count: community.memberCount,
                formatted: format.number(community.memberCount),
              })}
              {community.sponsor && ` · ${t('community.sponsoredBy', { name: community.sponsor.name })}`}
            </p>
          </li>
        ))}
      </ul>
      {groups.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void groups.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
