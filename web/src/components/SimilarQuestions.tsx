import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { searchApi, searchKeys } from '../api/search.js';
import { threadPath } from '../lib/paths.js';
import { useDebounced } from '../lib/use-debounced.js';
import { Highlighted, plainText } from '../pages/search/Highlighted.js';

/** Under a question's title while it is typed: questions like it, so an answer may already be there. */
export function SimilarQuestions({ title, kind }: { title: string; kind: string }) {
  const { t } = useTranslation();
  const settled = useDebounced(title.trim(), 400);
  const enabled = kind === 'question' && settled.length >= 4;
  const similar = useQuery({
    queryKey: searchKeys.similar(settled),
    queryFn: ({ signal }) => searchApi.similar(settled, signal),
    enabled,
    staleTime: 60_000,
  });
  const items = enabled ? (similar.data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <aside className="card similar-questions" aria-label={t('search.similar.title')} aria-live="polite">
      <p className="small">{t('search.similar.title')}</p>
      <ul>
        {items.map((question) => (
          <li key={question.id}>
            <Link to={threadPath(question.id, plainText(question.title))} target="_blank" rel="noopener">
              <Highlighted segments={question.title} />
            </Link>{' '}
            <span className="muted small">
              {question.answered ? t('search.answered') : t('search.replies', { count: question.replyCount })}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
