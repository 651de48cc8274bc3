import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { searchApi, searchKeys } from '../../api/search.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Skeleton } from '../../components/Skeleton.js';
import { EvidenceLine } from '../search/EvidenceLine.js';

/** "Knows about" on a profile: topics from skills and behaviour, each with the evidence the reader may see. */
export function KnowsAbout({ handle }: { handle: string }) {
  const { t } = useTranslation();
  const expertise = useQuery({
    queryKey: searchKeys.expertise(handle),
    queryFn: () => searchApi.expertise(handle),
  });
  if (expertise.isSuccess && expertise.data.items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="knows-about-heading">
      <h2 id="knows-about-heading" className="card-title">
        {t('knowsAbout.title')}
      </h2>
      {expertise.isPending && <Skeleton card={false} lines={2} />}
      <ErrorMessage error={expertise.error} />
      <ul className="evidence-list">
        {expertise.data?.items.map((topic) => (
          <li key={`${topic.topicKind}-${topic.topic}`}>
            <strong>{topic.topicKind === 'hashtag' ? `#${topic.topic}` : topic.topic}</strong>
            <ul className="muted small">
              {topic.evidence.map((evidence) => (
                <li key={`${evidence.source}-${evidence.community?.slug ?? ''}`}>
                  <EvidenceLine evidence={evidence} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
