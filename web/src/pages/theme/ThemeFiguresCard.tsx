import { useTranslation } from 'react-i18next';
import type { ThemeFigures } from '../../../../contract/themes.js';
import { useFormat } from '../../i18n/format.js';

/** A duration in words: minutes under an hour, hours under two days, whole days after that. */
function useDuration() {
  const { t } = useTranslation();
  return (seconds: number) => {
    const hours = Math.floor(seconds / 3_600);
    if (hours === 0) return t('themes.figures.minutes', { count: Math.floor(seconds / 60) });
    return hours < 48
      ? t('themes.figures.hours', { count: hours })
      : t('themes.figures.days', { count: Math.floor(hours / 24) });
  };
}

/** The theme's figures, as the API computed them over what the reader may read. */
export function ThemeFiguresCard({ figures }: { figures: ThemeFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const none = t('themes.figures.none');
  const rows: [string, string][] = [
    [t('themes.figures.participants'), format.number(figures.participants)],
    [t('themes.figures.threads'), format.number(figures.threads)],
    [t('themes.figures.replies'), format.number(figures.replies)],
    [t('themes.figures.outcomes'), format.number(figures.outcomes)],
    [
      t('themes.figures.daysSince'),
      figures.daysSinceLastOutcome === null ? none : format.number(figures.daysSinceLastOutcome),
    ],
    [
      t('themes.figures.timeToFirst'),
      figures.secondsToFirstOutcome === null ? none : duration(figures.secondsToFirstOutcome),
    ],
  ];
  return (
    <section className="card theme-section" aria-labelledby="theme-figures-title">
      <h2 id="theme-figures-title">{t('themes.figures.title')}</h2>
      <dl className="theme-figures">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('themes.figures.note')}</p>
    </section>
  );
}
