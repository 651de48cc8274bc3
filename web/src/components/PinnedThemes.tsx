import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { themeKeys, themePath, themesApi } from '../api/themes.js';
import { useFormat } from '../i18n/format.js';
import '../pages/theme/themes.css';

// Enough to see what is going on without pushing the feed off a phone's first screen.
const PINNED = 3;

/** Open strategic themes, pinned at the top of everyone's home until they close (condition 1). */
export function PinnedThemes() {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useQuery({
    queryKey: themeKeys.list('pinned'),
    queryFn: () => themesApi.list({ state: 'open', limit: PINNED }),
  });
  const themes = open.data?.items ?? [];
  if (themes.length === 0) return null;
  return (
    <section className="card pinned-themes" aria-labelledby="pinned-themes-title">
      <h2 id="pinned-themes-title" className="card-title">
        {t('themes.pinnedTitle')}
      </h2>
      <ul>
        {themes.map((theme) => (
          <li key={theme.id}>
            <h3 className="theme-item-title">
              <Link to={themePath(theme.id)}>{theme.title}</Link>
            </h3>
            <p className="theme-item-question muted">{theme.question}</p>
            <div className="theme-meta small muted">
              <span>{t('themes.by', { name: theme.owner.name })}</span>
              <span>
                {format.number(theme.figures.participants)} {t('themes.figures.participants').toLowerCase()}
              </span>
              {theme.endsAt && <span>{t('themes.endsOn', { date: format.date(theme.endsAt) })}</span>}
            </div>
          </li>
        ))}
      </ul>
      <Link to="/themes" className="small">
        {t('themes.pinnedAll')}
      </Link>
    </section>
  );
}
