import { useTranslation } from 'react-i18next';
import type { Condition, Recommendation } from '../../../../contract/analytics.js';
import { DetailLists } from './DetailLists.js';
import { FigureList } from './FigureList.js';
import { StatusBadge } from './StatusBadge.js';
import { TrendChart } from './TrendChart.js';

/** One condition: its status, figures (with definitions), trend chart, recommendations and lists. */
export function ConditionCard({ condition }: { condition: Condition }) {
  const { t } = useTranslation();
  const title = t(`analytics.conditions.${condition.id}.title`);
  const headingId = `condition-${condition.id}`;
  return (
    <section className="card stack" aria-labelledby={headingId} data-condition={condition.id}>
      <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap', gap: '0.5rem' }}>
        <h2 id={headingId} style={{ margin: 0 }}>
          {title}
        </h2>
        <StatusBadge status={condition.status} />
      </div>
      <p className="muted">{t(`analytics.conditions.${condition.id}.summary`)}</p>
      <Recommendations items={condition.recommendations} />
      <div
        style={{
          display: 'grid',
          gap: '1rem',
          gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 300px), 1fr))',
        }}
      >
        <FigureList figures={condition.figures} />
        <TrendChart trend={condition.trend} title={title} />
      </div>
      <DetailLists details={condition.details} />
    </section>
  );
}

export function Recommendations({ items }: { items: Recommendation[] }) {
  const { t } = useTranslation();
  return (
    <div>
      <h3 className="small" style={{ margin: '0 0 0.25rem' }}>
        {t('analytics.nextSteps')}
      </h3>
      {items.length === 0 ? (
        <p className="muted small">{t('analytics.noRecommendations')}</p>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: '1.2rem' }}>
          {items.map((item) => (
            <li key={item.id} data-recommendation={item.id}>
              {t(`analytics.recommendations.${item.id}`, item.params)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
