import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mailApi, mailKeys } from '../api/mail.js';
import { ErrorMessage } from './ErrorMessage.js';

type Target = { threadId: string } | { communitySlug: string };

/** Mute or unmute email about one thread or community; whether it is muted comes from the person's mail settings. */
export function MailMuteButton({ target }: { target: Target }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const preferences = useQuery({ queryKey: mailKeys.preferences, queryFn: mailApi.preferences });
  const isThread = 'threadId' in target;
  const muted =
    preferences.data?.mutes.some((mute) =>
      isThread ? mute.thread?.id === target.threadId : mute.community?.slug === target.communitySlug,
    ) ?? false;
  const toggle = useMutation({
    mutationFn: (on: boolean) =>
      isThread ? mailApi.muteThread(target.threadId, on) : mailApi.muteCommunity(target.communitySlug, on),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.preferences }),
  });
  const label = muted
    ? t(isThread ? 'mail.mute.unmuteThread' : 'mail.mute.unmuteCommunity')
    : t(isThread ? 'mail.mute.muteThread' : 'mail.mute.muteCommunity');
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        aria-pressed={muted}
        title={t(isThread ? 'mail.mute.muteThreadHint' : 'mail.mute.muteCommunityHint')}
        disabled={!preferences.isSuccess || toggle.isPending}
        onClick={() => toggle.mutate(!muted)}
      >
        {label}
      </button>
      <ErrorMessage error={toggle.error} />
    </>
  );
}
