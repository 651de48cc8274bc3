import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { themeKeys, themesApi } from '../../api/themes.js';
import { Avatar } from '../../components/Avatar.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { PersonLink } from '../../components/PersonLink.js';

/** Who took part, most contributions first (over the conversations the reader may read). */
export function Participants({ themeId }: { themeId: string }) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: themeKeys.participants(themeId),
    queryFn: ({ pageParam }) => themesApi.participants(themeId, { cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const people = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card theme-section" aria-labelledby="theme-participants-title">
      <h2 id="theme-participants-title">{t('themes.participants.title')}</h2>
      <ErrorMessage error={list.error} />
      {list.isSuccess && people.length === 0 && (
        <p className="muted small">{t('themes.participants.empty')}</p>
      )}
      <ul className="theme-participants">
        {people.map(({ person, contributions }) => (
          <li key={person.id}>
            <Avatar person={person} size={28} />
            <span>
              <PersonLink person={person} />
              <br />
              <span className="muted small">
                {t('themes.participants.contributions', { count: contributions })}
              </span>
            </span>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void list.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
