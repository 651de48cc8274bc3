import { useTranslation } from 'react-i18next';
import { ideaKeys, ideasApi } from '../../api/ideas.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ThreadFeed } from '../../components/ThreadFeed.js';

/** Questions nobody but the asker has answered yet, oldest first: in one community, or (no slug) everywhere. */
export function Unanswered({ slug }: { slug?: string }) {
  const { t } = useTranslation();
  return (
    <ThreadFeed
      queryKey={ideaKeys.unanswered(slug ?? '')}
      label="unanswered"
      fetchPage={(cursor) => ideasApi.unanswered({ cursor, community: slug })}
      empty={
        <EmptyState icon="check" title={t('qa.unanswered.emptyTitle')}>
          {t('qa.unanswered.emptyText')}
        </EmptyState>
      }
    />
  );
}
