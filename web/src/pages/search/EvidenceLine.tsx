import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Evidence } from '../../../../contract/experts.js';
import { communityPath, tagPath } from '../../lib/paths.js';

/** One reason in words: "3 accepted answers on #kubernetes", linked to the topic. */
export function EvidenceLine({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const topic =
    evidence.topicKind === 'hashtag' ? (
      <Link to={tagPath(evidence.topic)}>#{evidence.topic}</Link>
    ) : evidence.community ? (
      <Link to={communityPath(evidence.community.slug)}>{evidence.community.name}</Link>
    ) : (
      <span>{evidence.topic}</span>
    );
  const where = evidence.topicKind === 'community' ? 'in' : 'on';
  return (
    <>
      {t(`experts.evidence.${evidence.source}.${where}`, { count: evidence.count })} {topic}
    </>
  );
}
