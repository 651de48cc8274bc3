import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/http.js';
import { RichText } from '../RichText.js';

/** A community's rules, as its owners wrote them: shown before joining and while writing there. */
export function CommunityRules({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const rules = useQuery({
    queryKey: ['community-rules', slug],
    queryFn: () =>
      request<{ markdown: string; html: string }>('GET', `/groups/${encodeURIComponent(slug)}/rules`),
  });
  if (!rules.data?.html) return null;
  return (
    <details className="community-rules">
      <summary>{t('moderation.rules')}</summary>
      <RichText html={rules.data.html} />
    </details>
  );
}
