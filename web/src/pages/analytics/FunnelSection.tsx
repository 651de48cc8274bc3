import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Funnel } from '../../../../contract/funnel.js';
import type { ScorecardFilters } from '../../api/analytics.js';
import { request } from '../../api/http.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { useFormat } from '../../i18n/format.js';

type Row = Funnel['total'];
const STEPS = ['invited', 'activated', 'monthlyActive', 'engaged'] as const;

/** Condition 6's invitation funnel: invited → activated → monthly active → engaged, per department and location. */
export function FunnelSection({ filters }: { filters: ScorecardFilters }) {
  const { t } = useTranslation();
  const query = Object.fromEntries(
    (['to', 'department', 'location'] as const)
      .filter((key) => filters[key])
      .map((key) => [key, filters[key]!]),
  );
  const funnel = useQuery({
    queryKey: ['analytics', 'funnel', query],
    queryFn: () => request<Funnel>('GET', '/analytics/funnel', { query }),
    retry: false,
  });
  return (
    <section className="card stack" aria-labelledby="funnel-title" data-section="funnel">
      <h2 id="funnel-title" style={{ margin: 0 }}>
        {t('funnel.title')}
      </h2>
      <p className="muted">{t('funnel.summary')}</p>
      <ErrorMessage error={funnel.error} />
      {funnel.data && (
        <>
          <FunnelTable label={t('funnel.total')} rows={[{ name: '', ...funnel.data.total }]} />
          <FunnelTable
            label={t('funnel.byDepartment')}
            rows={funnel.data.byDepartment.map(({ department, ...row }) => ({ name: department, ...row }))}
          />
          <FunnelTable
            label={t('funnel.byLocation')}
            rows={funnel.data.byLocation.map(({ location, ...row }) => ({ name: location, ...row }))}
          />
        </>
      )}
    </section>
  );
}

function FunnelTable({ label, rows }: { label: string; rows: (Row & { name: string })[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ScrollRegion label={label}>
      <table className="table">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {STEPS.map((step) => (
              <th scope="col" key={step}>
                {t(`funnel.${step}`)}
              </th>
            ))}
            <th scope="col">{t('funnel.medianHours')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name || '—'}</th>
              {row.withheld ? (
                <td colSpan={STEPS.length + 1} className="muted" data-withheld={row.withheld.withheld}>
                  {t('analytics.withheld', { minimum: row.withheld.minimum })}
                </td>
              ) : (
                <>
                  {STEPS.map((step) => (
                    <td key={step}>{format.number(row[step] ?? 0)}</td>
                  ))}
                  <td>
                    {row.medianHoursToActivation === null ? '—' : format.number(row.medianHoursToActivation)}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
