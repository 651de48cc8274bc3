import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Condition, FunnelRow } from '../../../../contract/analytics.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { useFormat } from '../../i18n/format.js';

/**
 * The lists behind a condition or the benefits: silent themes, goals, sponsors, top answerers, communities below
 * threshold, the funnel.
 */
export function DetailLists({ details }: { details: Condition['details'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const hidden = details.hiddenCommunities ?? 0;
  const changes = details.thresholdChanges;
  return (
    <div className="stack">
      {details.themesWithoutOutcome && details.themesWithoutOutcome.length > 0 && (
        <Table
          caption={t('analytics.list.themes')}
          head={[t('analytics.list.theme'), t('analytics.list.withoutOutcome')]}
        >
          {details.themesWithoutOutcome.map((theme) => (
            <tr key={theme.id}>
              <th scope="row">
                <Link to={`/themes/${theme.id}`}>{theme.title}</Link>
              </th>
              <td>{t('analytics.list.themeDays', { days: theme.daysWithoutOutcome })}</td>
            </tr>
          ))}
        </Table>
      )}
      {details.goals && details.goals.length > 0 && (
        <Table
          caption={t('analytics.list.goals')}
          head={[
            t('analytics.list.goalName'),
            t('analytics.list.actual'),
            t('analytics.list.target'),
            t('analytics.list.met'),
          ]}
        >
          {details.goals.map((goal) => (
            <tr key={goal.id}>
              <th scope="row">
                <Link to={`/goals/${goal.id}`}>{goal.name}</Link>
              </th>
              <td>{goal.actual === null ? '—' : format.number(goal.actual)}</td>
              <td>{format.number(goal.target)}</td>
              <td>{goal.met === null ? '—' : t(goal.met ? 'analytics.list.yes' : 'analytics.list.no')}</td>
            </tr>
          ))}
        </Table>
      )}
      {details.sponsors && details.sponsors.length > 0 && (
        <Table
          caption={t('analytics.list.sponsors')}
          head={[t('analytics.list.community'), t('analytics.list.sponsor'), t('analytics.list.activeDays')]}
        >
          {details.sponsors.map((row) => (
            <tr key={row.slug}>
              <th scope="row">
                <Link to={`/g/${row.slug}`}>{row.name}</Link>
              </th>
              <td>
                <Link to={`/u/${row.sponsor.handle}`}>{row.sponsor.name}</Link>
              </td>
              <td>{format.number(row.activeDays)}</td>
            </tr>
          ))}
        </Table>
      )}
      {details.topAnswerers && details.topAnswerers.length > 0 && (
        <Table
          caption={t('analytics.list.topAnswerers')}
          head={[t('analytics.list.answerer'), t('analytics.list.answers')]}
        >
          {details.topAnswerers.map((row) => (
            <tr key={row.handle}>
              <th scope="row">
                <Link to={`/u/${row.handle}`}>{row.name}</Link>
              </th>
              <td>{format.number(row.answers)}</td>
            </tr>
          ))}
        </Table>
      )}
      {details.belowThreshold && (details.belowThreshold.length > 0 || hidden > 0) && (
        <Table
          caption={t('analytics.list.below')}
          head={[
            t('analytics.list.community'),
            t('analytics.list.active'),
            t('analytics.list.threshold'),
            t('analytics.list.suggestion'),
          ]}
        >
          {details.belowThreshold.map((row) => (
            <tr key={row.slug}>
              <th scope="row">
                <Link to={`/g/${row.slug}`}>{row.name}</Link>
              </th>
              <td className={row.withheld ? 'muted' : undefined}>
                {row.withheld
                  ? t('analytics.withheld', { minimum: row.withheld.minimum })
                  : format.number(row.active ?? 0)}
              </td>
              <td>{format.number(row.threshold)}</td>
              <td>{row.suggestion ? t(`analytics.suggestion.${row.suggestion}`) : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
      {hidden > 0 && <p className="muted small">{t('analytics.list.hidden', { count: hidden })}</p>}
      {changes && changes.communities > 0 && (
        <p className="small">
          {t('analytics.list.thresholdChanges', {
            count: changes.communities,
            share:
              changes.viableShareAtStart === null ? '—' : `${format.number(changes.viableShareAtStart)}%`,
          })}
        </p>
      )}
      {details.funnelByDepartment && (
        <Funnel caption={t('analytics.list.funnelDepartment')} rows={details.funnelByDepartment} />
      )}
      {details.funnelByLocation && (
        <Funnel caption={t('analytics.list.funnelLocation')} rows={details.funnelByLocation} />
      )}
    </div>
  );
}

function Funnel({ caption, rows }: { caption: string; rows: FunnelRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (rows.length === 0) return null;
  return (
    <Table
      caption={caption}
      head={[
        t('analytics.list.key'),
        t('analytics.figures.provisioned.label'),
        t('analytics.figures.activated.label'),
        t('analytics.figures.monthlyActive.label'),
        t('analytics.figures.engaged.label'),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.key}>
          <th scope="row">{row.key || t('analytics.list.none')}</th>
          {row.withheld ? (
            <td colSpan={4} className="muted" data-withheld={row.withheld.withheld}>
              {t('analytics.withheld', { minimum: row.withheld.minimum })}
            </td>
          ) : (
            <>
              <td>{format.number(row.provisioned ?? 0)}</td>
              <td>{format.number(row.activated ?? 0)}</td>
              <td>{format.number(row.monthlyActive ?? 0)}</td>
              <td>{format.number(row.engaged ?? 0)}</td>
            </>
          )}
        </tr>
      ))}
    </Table>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: React.ReactNode }) {
  return (
    <ScrollRegion label={caption}>
      <table className="analytics-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
        <caption style={{ textAlign: 'start', fontWeight: 600 }}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h} style={{ textAlign: 'start' }}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}
