import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/endpoints.js';
import { isNotFound } from '../api/http.js';
import { keys } from '../api/query-client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SkeletonList } from '../components/Skeleton.js';
import { communityPath } from '../lib/paths.js';
import { usePageTitle } from '../lib/use-title.js';
import { useCommunity } from './community/use-community.js';
import { NotFoundPage } from './NotFoundPage.js';
import { PersonCard } from './people/PersonCard.js';

export function CommunityMembersPage() {
  const { t } = useTranslation();
  const slug = useParams().slug!;
  const community = useCommunity(slug);
  const members = useInfiniteQuery({
    queryKey: keys.groupMembers(slug),
    queryFn: ({ pageParam }) => api.groups.members(slug, { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  usePageTitle(community.data ? t('community.membersOf', { name: community.data.name }) : null);
  if (isNotFound(community.error) || isNotFound(members.error)) return <NotFoundPage />;
  const list = members.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="column narrow">
      <p className="breadcrumb">
        <Link to={communityPath(slug)}>{community.data?.name ?? slug}</Link>
      </p>
      <h1 className="page-title">{t('community.members')}</h1>
      {members.isPending && <SkeletonList count={2} />}
      <ErrorMessage error={members.error} />
      <ul className="people-grid">
        {list.map((member) => (
          <li key={member.person.id}>
            <PersonCard
              person={member.person}
              badge={member.role === 'owner' ? t('community.role.owner') : undefined}
            />
          </li>
        ))}
      </ul>
      {members.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void members.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
