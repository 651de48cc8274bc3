import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CommunityDetails } from '../../../../contract/communities.js';
import { api } from '../../api/endpoints.js';
import { useMe } from '../../api/session.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { CommunityRules } from '../../components/moderation/CommunityRules.js';

/** Join (open), ask to join (closed), withdraw a request, or leave; the last owner cannot leave. */
export function MembershipButton({ community }: { community: CommunityDetails }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const refresh = () =>
    Promise.all(
      [
        ['group', community.slug],
        ['groups'],
        ['group-threads', community.slug],
        ['group-members', community.slug],
        ['feed'],
      ].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
  const join = useMutation({
    mutationFn: () => api.groups.join(community.slug, me.handle),
    onSuccess: refresh,
  });
  const leave = useMutation({
    mutationFn: () => api.groups.leave(community.slug, me.handle),
    onSuccess: refresh,
  });
  const busy = join.isPending || leave.isPending;

  let button: React.ReactNode;
  if (community.myRole) {
    button = (
      <button type="button" className="button secondary" disabled={busy} onClick={() => leave.mutate()}>
        {t('community.leave')}
      </button>
    );
  } else if (community.myRequest === 'pending') {
    button = (
      <>
        <span className="badge">{t('community.requestPending')}</span>
        <button type="button" className="button secondary" disabled={busy} onClick={() => leave.mutate()}>
          {t('community.withdraw')}
        </button>
      </>
    );
  } else {
    button = (
      <>
        <CommunityRules slug={community.slug} />
        <button type="button" className="button primary" disabled={busy} onClick={() => join.mutate()}>
          {community.visibility === 'open' ? t('community.join') : t('community.requestToJoin')}
        </button>
      </>
    );
  }
  return (
    <div className="membership">
      <div className="actions inline">{button}</div>
      <ErrorMessage error={join.error ?? leave.error} />
    </div>
  );
}
