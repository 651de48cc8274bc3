import { useTranslation } from 'react-i18next';
import { THREAD_KINDS } from '../../api/contract-values.js';
import { DateInput } from '../../components/DateInput.js';

export const FILTER_KEYS = ['community', 'kind', 'author', 'from', 'to', 'answered'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Narrowing posts: community, kind, author, date range, answered questions only. */
export function Filters({
  values,
  set,
}: {
  values: Record<FilterKey, string>;
  set: (key: FilterKey, value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <details className="card search-filters" open={FILTER_KEYS.some((key) => values[key])}>
      <summary>{t('search.filters')}</summary>
      <div className="filters">
        <div className="field">
          <label htmlFor="search-community">{t('search.filter.community')}</label>
          <input
            id="search-community"
            value={values.community}
            placeholder={t('search.filter.communityPlaceholder')}
            onChange={(event) => set('community', event.target.value.trim().toLowerCase())}
          />
        </div>
        <div className="field">
          <label htmlFor="search-kind">{t('search.filter.kind')}</label>
          <select id="search-kind" value={values.kind} onChange={(event) => set('kind', event.target.value)}>
            <option value="">{t('search.filter.anyKind')}</option>
            {THREAD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-author">{t('search.filter.author')}</label>
          <input
            id="search-author"
            value={values.author}
            placeholder={t('search.filter.authorPlaceholder')}
            onChange={(event) => set('author', event.target.value.trim().replace(/^@/, '').toLowerCase())}
          />
        </div>
        <div className="field">
          <label htmlFor="search-from">{t('search.filter.from')}</label>
          <DateInput id="search-from" value={values.from} onChange={(iso) => set('from', iso)} />
        </div>
        <div className="field">
          <label htmlFor="search-to">{t('search.filter.to')}</label>
          <DateInput id="search-to" value={values.to} onChange={(iso) => set('to', iso)} />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={values.answered === '1'}
            onChange={(event) => set('answered', event.target.checked ? '1' : '')}
          />{' '}
          {t('search.filter.answered')}
        </label>
      </div>
    </details>
  );
}
