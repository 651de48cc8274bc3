import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api/endpoints.js';
import { keys } from '../api/query-client.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SkeletonList } from '../components/Skeleton.js';
import { useDebounced } from '../lib/use-debounced.js';
import { usePageTitle } from '../lib/use-title.js';
import { PersonCard } from './people/PersonCard.js';

const FILTERS = ['q', 'skill', 'department', 'location'] as const;

/** Find colleagues by name, skill, department or location; every search is a link you can share. */
export function PeoplePage() {
  const { t } = useTranslation();
  usePageTitle(t('people.title'));
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const settled = useDebounced(values);
  const query = Object.fromEntries(Object.entries(settled).filter(([, value]) => value.trim()));
  const people = useInfiniteQuery({
    queryKey: keys.people(query),
    queryFn: ({ pageParam }) => api.people.list({ ...query, cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = people.data?.pages.flatMap((page) => page.items) ?? [];
  const filtering = Object.keys(query).length > 0;

  return (
    <div className="column">
      <h1 className="page-title">{t('people.title')}</h1>
      <p className="muted lead">{t('people.intro')}</p>
      <search>
        <form className="filters people-filters" onSubmit={(event) => event.preventDefault()}>
          {FILTERS.map((key) => (
            <div className={key === 'q' ? 'field grow' : 'field'} key={key}>
              <label htmlFor={`people-${key}`}>{t(`people.filter.${key}`)}</label>
              <input
                id={`people-${key}`}
                type={key === 'q' ? 'search' : 'text'}
                value={values[key]}
                onChange={(event) => set(key, event.target.value)}
                placeholder={t(`people.placeholder.${key}`)}
              />
            </div>
          ))}
        </form>
      </search>
      {people.isPending && <SkeletonList count={3} />}
      <ErrorMessage error={people.error} />
      {people.isSuccess && list.length === 0 && (
        <EmptyState icon="search" title={filtering ? t('people.noneFound') : t('people.empty')}>
          {t('people.noneFoundText')}
        </EmptyState>
      )}
      <ul className="people-grid">
        {list.map((person) => (
          <li key={person.id}>
            <PersonCard person={person} />
          </li>
        ))}
      </ul>
      {people.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void people.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
