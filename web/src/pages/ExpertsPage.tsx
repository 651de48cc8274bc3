import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { searchApi, searchKeys } from '../api/search.js';
import { Avatar } from '../components/Avatar.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SkeletonList } from '../components/Skeleton.js';
import { personPath } from '../lib/paths.js';
import { useDebounced } from '../lib/use-debounced.js';
import { usePageTitle } from '../lib/use-title.js';
import { EvidenceLine } from './search/EvidenceLine.js';

/** /experts?q=: "Who knows about…?" — people ranked by skills and behaviour, each with the evidence. */
export function ExpertsPage() {
  const { t } = useTranslation();
  usePageTitle(t('experts.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const settled = useDebounced(q.trim());
  const experts = useInfiniteQuery({
    queryKey: searchKeys.experts(settled),
    queryFn: ({ pageParam }) => searchApi.experts(settled, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: settled.replace(/^#+/, '').length >= 2,
  });
  const list = experts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="column">
      <h1 className="page-title">{t('experts.title')}</h1>
      <p className="muted lead">{t('experts.intro')}</p>
      <search>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field grow">
            <label htmlFor="experts-q">{t('experts.label')}</label>
            <input
              id="experts-q"
              type="search"
              value={q}
              maxLength={100}
              placeholder={t('experts.placeholder')}
              onChange={(event) =>
                setParams(event.target.value ? { q: event.target.value } : {}, { replace: true })
              }
            />
          </div>
        </form>
      </search>
      {experts.isFetching && list.length === 0 && <SkeletonList count={3} />}
      <ErrorMessage error={experts.error} />
      {experts.isSuccess && list.length === 0 && (
        <EmptyState icon="search" title={t('experts.noneFound', { q: settled })}>
          {t('experts.noneFoundText')}
        </EmptyState>
      )}
      <ol className="expert-list" aria-label={t('experts.results')}>
        {list.map((expert) => (
          <li key={expert.person.id} className="card">
            <Link to={personPath(expert.person.handle)}>
              <Avatar person={expert.person} size={36} /> <strong>{expert.person.name}</strong>
            </Link>{' '}
            <span className="muted small">
              {[expert.person.title, expert.person.department].filter(Boolean).join(' · ')}
            </span>
            <ul className="evidence-list">
              {expert.evidence.slice(0, 4).map((evidence) => (
                <li key={`${evidence.source}-${evidence.topic}-${evidence.community?.slug ?? ''}`}>
                  <EvidenceLine evidence={evidence} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {experts.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void experts.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
