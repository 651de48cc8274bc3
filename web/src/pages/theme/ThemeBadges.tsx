import { useTranslation } from 'react-i18next';
import type { ThemeSummary } from '../../../../contract/themes.js';

/** Open or closed, and whether the loop is closed: at least one "what we did with it" update. */
export function ThemeBadges({ theme }: { theme: ThemeSummary }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <span className={theme.state === 'open' ? 'badge theme-state-open' : 'badge'}>
        {t(`themes.state.${theme.state}`)}
      </span>
      <span className={theme.figures.loopClosed ? 'badge theme-loop-closed' : 'badge'}>
        {theme.figures.loopClosed ? t('themes.loopClosed') : t('themes.loopOpen')}
      </span>
    </span>
  );
}
