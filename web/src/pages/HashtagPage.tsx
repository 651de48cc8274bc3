import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api/endpoints.js';
import { keys } from '../api/query-client.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ThreadFeed } from '../components/ThreadFeed.js';
import { usePageTitle } from '../lib/use-title.js';

export function HashtagPage() {
  const { t } = useTranslation();
  const tag = (useParams().tag ?? '').toLowerCase();
  usePageTitle(`#${tag}`);
  const client = useQueryClient();
  const hashtag = useQuery({ queryKey: keys.hashtag(tag), queryFn: () => api.hashtags.get(tag) });
  const follow = useMutation({
    mutationFn: (on: boolean) => api.hashtags.follow(tag, on),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.hashtag(tag) }),
        client.invalidateQueries({ queryKey: keys.feed }),
      ]),
  });
  const following = hashtag.data?.followedByMe ?? false;
  return (
    <div className="column narrow">
      <div className="page-head">
        <h1 className="page-title">#{tag}</h1>
        {hashtag.isSuccess && (
          <button
            type="button"
            className={following ? 'button secondary' : 'button primary'}
            aria-pressed={following}
            onClick={() => follow.mutate(!following)}
          >
            {following ? t('hashtag.following') : t('hashtag.follow')}
          </button>
        )}
      </div>
      <p className="muted lead">{t('hashtag.intro')}</p>
      <ErrorMessage error={hashtag.error ?? follow.error} />
      <ThreadFeed
        queryKey={keys.hashtagThreads(tag)}
        label="hashtag"
        fetchPage={(cursor) => api.feed.hashtag(tag, { cursor })}
        empty={<EmptyState icon="search" title={t('hashtag.empty', { tag })} />}
      />
    </div>
  );
}
