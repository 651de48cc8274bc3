import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { SearchType } from '../../../contract/search.js';
import { SEARCH_TYPES } from '../api/contract-values.js';
import { type SearchFilters, searchApi, searchKeys } from '../api/search.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SkeletonList } from '../components/Skeleton.js';
import { useFormat } from '../i18n/format.js';
import { useDebounced } from '../lib/use-debounced.js';
import { usePageTitle } from '../lib/use-title.js';
import { FILTER_KEYS, type FilterKey, Filters } from './search/Filters.js';
import { ResultItem } from './search/ResultItem.js';

const countKey = {
  threads: 'threads',
  replies: 'replies',
  people: 'people',
  communities: 'communities',
  files: 'files',
} as const;

/** /search?q=: everything the reader may see, in tabs by type, with filters; every search is a shareable link. */
export function SearchPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = (SEARCH_TYPES as readonly string[]).includes(params.get('type') ?? '')
    ? (params.get('type') as SearchType)
    : 'all';
  const values = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Record<
    FilterKey,
    string
  >;
  usePageTitle(q ? t('search.titleFor', { q }) : t('search.title'));
  const settled = useDebounced({ q, values });
  const filters: SearchFilters = {
    type,
    ...Object.fromEntries(Object.entries(settled.values).filter(([, value]) => value)),
  };
  const results = useInfiniteQuery({
    queryKey: searchKeys.search(settled.q, filters),
    queryFn: ({ pageParam }) => searchApi.search(settled.q, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: settled.q.trim().length > 0,
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];
  const closeMatches = results.data?.pages[0]?.closeMatches ?? false;
  // Close matches are guesses at titles only: no count of posts "found" beside them, replies least of all.
  const counts = closeMatches ? undefined : results.data?.pages[0]?.counts;

  return (
    <div className="column">
      <h1 className="page-title">{t('search.title')}</h1>
      <search>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field grow">
            <label htmlFor="search-q">{t('search.label')}</label>
            <input
              id="search-q"
              type="search"
              value={q}
              maxLength={200}
              onChange={(event) => set('q', event.target.value)}
              placeholder={t('search.placeholder')}
            />
            <p className="hint muted small">{t('search.syntaxHint')}</p>
          </div>
        </form>
      </search>
      <fieldset className="editor-tabs">
        <legend className="visually-hidden">{t('search.types')}</legend>
        {SEARCH_TYPES.map((option) => (
          <button
            key={option}
            type="button"
            className="tab"
            aria-pressed={type === option}
            onClick={() => set('type', option === 'all' ? '' : option)}
          >
            {t(`search.type.${option}`)}
            {counts && option !== 'all' && (
              <>
                {' '}
                <span className="muted">
                  ({format.number(counts[countKey[option]].count)}
                  {counts[countKey[option]].more ? '+' : ''})
                </span>
              </>
            )}
          </button>
        ))}
      </fieldset>
      <Filters values={values} set={set} />
      {!q.trim() && (
        <EmptyState icon="search" title={t('search.start')}>
          {t('search.startText')}
        </EmptyState>
      )}
      {q.trim() && results.isPending && <SkeletonList count={3} />}
      <ErrorMessage error={results.error} />
      {closeMatches && (
        <p className="muted" role="status">
          {t('search.closeMatches', {
            q: settled.q,
            count: results.data?.pages[0]?.counts.threads.count ?? 0,
          })}
        </p>
      )}
      {results.isSuccess && items.length === 0 && (
        <EmptyState icon="search" title={t('search.noneFound', { q: settled.q })}>
          {t('search.noneFoundText')}
        </EmptyState>
      )}
      <ol className="search-results" aria-label={t('search.results')}>
        {items.map((hit) => (
          <li
            key={`${hit.type}-${hit.type === 'person' ? hit.person.id : hit.type === 'community' ? hit.slug : hit.id}`}
          >
            <ResultItem hit={hit} />
          </li>
        ))}
      </ol>
      {results.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void results.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
