import { useTranslation } from 'react-i18next';
import type { Figure } from '../../../../contract/analytics.js';
import { useFormat } from '../../i18n/format.js';
import { formatValue } from './format.js';

/** The figures behind a condition: value, previous period (or "now"), and the definition one click away. */
export function FigureList({ figures }: { figures: Figure[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="stack" style={{ gap: '0.5rem', margin: 0 }}>
      {figures.map((f) => (
        <div key={f.id} data-figure={f.id}>
          <dt style={{ fontWeight: 600 }}>{t(`analytics.figures.${f.id}.label`)}</dt>
          <dd style={{ margin: 0 }}>
            {f.withheld ? (
              <span className="muted" data-withheld={f.withheld.withheld}>
                {t('analytics.withheld', { minimum: f.withheld.minimum })}
              </span>
            ) : (
              <span style={{ fontSize: '1.25rem', fontWeight: 700 }}>
                {formatValue(t, format.number, f.unit, f.value)}
              </span>
            )}
            {f.asOf === 'now' && (
              <span className="muted small" title={t('analytics.asOfNowTitle')}>
                {' '}
                · {t('analytics.asOfNow')}
              </span>
            )}
            {f.previous !== null && (
              <span className="muted small">
                {' '}
                · {t('analytics.previous')}: {formatValue(t, format.number, f.unit, f.previous)}
              </span>
            )}
            <details>
              <summary className="small">{t('analytics.definition')}</summary>
              <p className="small muted" style={{ margin: '0.25rem 0 0' }}>
                {t(`analytics.figures.${f.id}.definition`)}
              </p>
            </details>
          </dd>
        </div>
      ))}
    </dl>
  );
}
