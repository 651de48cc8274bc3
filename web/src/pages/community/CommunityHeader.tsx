import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityDetails } from '../../../../contract/communities.js';
import { Avatar } from '../../components/Avatar.js';
import { Icon } from '../../components/Icon.js';
import { MailMuteButton } from '../../components/MailMuteButton.js';
import { PersonLink } from '../../components/PersonLink.js';
import { useFormat } from '../../i18n/format.js';
import { communityPath } from '../../lib/paths.js';
import { MembershipButton } from './MembershipButton.js';

const visibilityIcon = { open: 'globe', closed: 'lock', secret: 'eye' } as const;

export function VisibilityBadge({ visibility }: { visibility: CommunityDetails['visibility'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge visibility-${visibility}`} title={t(`visibilityHints.${visibility}`)}>
      <Icon name={visibilityIcon[visibility]} size={14} /> {t(`visibility.${visibility}`)}
    </span>
  );
}

/** Name, what it is for, who sponsors and runs it, how many take part, and the way in. */
export function CommunityHeader({ community }: { community: CommunityDetails }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <header className="card community-header">
      <div className="badges">
        <VisibilityBadge visibility={community.visibility} />
        <span className="badge">{t(`communityKinds.${community.kind}`)}</span>
        {community.myRole && <span className="badge role">{t(`community.role.${community.myRole}`)}</span>}
      </div>
      <h1 className="community-name">{community.name}</h1>
      {community.description && <p className="community-description">{community.description}</p>}
      <dl className="facts">
        <div>
          <dt>{t('community.members')}</dt>
          <dd>
            {community.canRead ? (
              <Link to={`${communityPath(community.slug)}/members`}>
                {t('community.memberCount', {
                  count: community.memberCount,
                  formatted: format.number(community.memberCount),
                })}
              </Link>
            ) : (
              t('community.memberCount', {
                count: community.memberCount,
                formatted: format.number(community.memberCount),
              })
            )}
            <span className="muted small block">
              {t('community.viability', { threshold: format.number(community.viabilityThreshold) })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('community.sponsor')}</dt>
          {community.sponsor ? (
            <dd className="person-inline">
              <Avatar person={community.sponsor} size={24} />
              <PersonLink person={community.sponsor} />
            </dd>
          ) : (
            <dd className="muted" title={t('health.sponsorNoneHint')}>
              {t('health.sponsorNone')}
            </dd>
          )}
        </div>
        {community.owners.length > 0 && (
          <div>
            <dt>{t('community.owners')}</dt>
            <dd>
              {community.owners.map((owner, index) => (
                <span key={owner.id}>
                  {index > 0 && ', '}
                  <PersonLink person={owner} />
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      <div className="community-actions">
        <MembershipButton community={community} />
        {community.canRead && <MailMuteButton target={{ communitySlug: community.slug }} />}
        {community.canManage && (
          <Link to={`${communityPath(community.slug)}/manage`} className="button secondary">
            <Icon name="settings" size={16} /> {t('community.manage')}
          </Link>
        )}
      </div>
    </header>
  );
}
