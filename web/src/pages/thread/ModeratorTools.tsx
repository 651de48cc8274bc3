import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadDetail } from '../../../../contract/threads.js';
import { mayModerate, moderationApi, moderationKeys } from '../../api/moderation.js';
import { keys } from '../../api/query-client.js';
import { useMe } from '../../api/session.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { ModerationDialog } from '../../components/moderation/ModerationDialog.js';
import { PersonModeration } from '../../components/moderation/PersonModeration.js';

/**
 * What a thread's moderators do with it besides locking: pin it in its community or (admins, community managers)
 * on everyone's home page, move it elsewhere, and warn or suspend its author. The server decides; this only offers.
 */
export function ModeratorTools({ thread }: { thread: ThreadDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const organisation = mayModerate(me);
  const slug = thread.community?.slug;
  const inCommunity = useQuery({
    queryKey: moderationKeys.pinnedIn(slug ?? ''),
    queryFn: () => moderationApi.pinnedIn(slug!),
    enabled: slug !== undefined,
  });
  const onHome = useQuery({
    queryKey: moderationKeys.pinnedHome,
    queryFn: moderationApi.pinnedHome,
    enabled: organisation,
  });
  const pinned = {
    community: inCommunity.data?.items.some((item) => item.id === thread.id) ?? false,
    home: onHome.data?.items.some((item) => item.id === thread.id) ?? false,
  };
  const pin = useMutation({
    mutationFn: ({ scope, on }: { scope: 'community' | 'home'; on: boolean }) =>
      moderationApi.pin(thread.id, scope, on),
    onSuccess: () => client.invalidateQueries({ queryKey: ['moderation', 'pinned'] }),
  });
  const [target, setTarget] = useState('');
  return (
    <>
      {slug && inCommunity.data && (
        <button
          type="button"
          className="button secondary small"
          aria-pressed={pinned.community}
          onClick={() => pin.mutate({ scope: 'community', on: !pinned.community })}
        >
          {pinned.community ? t('moderation.tools.unpinCommunity') : t('moderation.tools.pinCommunity')}
        </button>
      )}
      {organisation && onHome.data && (
        <button
          type="button"
          className="button secondary small"
          aria-pressed={pinned.home}
          onClick={() => pin.mutate({ scope: 'home', on: !pinned.home })}
        >
          {pinned.home ? t('moderation.tools.unpinHome') : t('moderation.tools.pinHome')}
        </button>
      )}
      <ModerationDialog
        label={t('moderation.tools.move')}
        title={t('moderation.tools.moveTitle')}
        confirm={t('moderation.actions.move')}
        defaultReason="off_topic"
        extra={
          <Field label={t('moderation.tools.moveTo')} hint={t('moderation.tools.moveHint')}>
            <input required value={target} onChange={(event) => setTarget(event.target.value)} />
          </Field>
        }
        act={(decision) => moderationApi.move(thread.id, { communitySlug: target.trim(), ...decision })}
        onDone={() => {
          void client.invalidateQueries({ queryKey: keys.thread(thread.id) });
          void client.invalidateQueries({ queryKey: ['moderation', 'pinned'] });
        }}
      />
      <PersonModeration person={thread.author} subject="author" />
      <ErrorMessage error={pin.error} />
    </>
  );
}
