import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../api/http.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Skeleton } from '../components/Skeleton.js';
import { communityPath } from '../lib/paths.js';
import { usePageTitle } from '../lib/use-title.js';
import { CommunitySettingsForm } from './community/CommunitySettingsForm.js';
import { JoinRequests } from './community/JoinRequests.js';
import { MemberManager } from './community/MemberManager.js';
import { RulesEditor } from './community/RulesEditor.js';
import { useCommunity } from './community/use-community.js';
import { NotFoundPage } from './NotFoundPage.js';

/** For a community's owners: its settings and rules, who asks to join, and who is in it. */
export function CommunityManagePage() {
  const { t } = useTranslation();
  const slug = useParams().slug!;
  const community = useCommunity(slug);
  usePageTitle(community.data ? t('manage.title', { name: community.data.name }) : null);
  if (community.isPending) return <Skeleton lines={6} />;
  if (isNotFound(community.error)) return <NotFoundPage />;
  if (community.isError) return <ErrorMessage error={community.error} />;
  const data = community.data;
  return (
    <div className="column narrow">
      <p className="breadcrumb">
        <Link to={communityPath(slug)}>{data.name}</Link>
      </p>
      <h1 className="page-title">{t('manage.title', { name: data.name })}</h1>
      {!data.canManage ? (
        <EmptyState icon="lock" title={t('manage.notOwnerTitle')}>
          {t('manage.notOwnerText')}
        </EmptyState>
      ) : (
        <>
          <CommunitySettingsForm community={data} />
          <RulesEditor slug={slug} />
          {data.canManageMembers && data.visibility !== 'open' && <JoinRequests slug={slug} />}
          {data.canManageMembers ? (
            <MemberManager slug={slug} />
          ) : (
            <p className="card muted">{t('manage.membersOwnersOnly')}</p>
          )}
        </>
      )}
    </div>
  );
}
