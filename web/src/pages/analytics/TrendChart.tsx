import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trend } from '../../../../contract/analytics.js';
import { Chart } from '../../components/Chart.js';
import { shortDate, useFormat } from '../../i18n/format.js';
import { formatValue, SERIES_COLOURS } from './format.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

/** "20 sep" for a day, "jun 2026" for a month ("2026-06"); any other label as it is. */
function pointLabel(locale: string, label: string): string {
  if (ISO_DAY.test(label)) return shortDate(locale, label);
  if (!ISO_MONTH.test(label)) return label;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${label}-01`),
  );
}

/** A condition's trend as a line (or bar, for two periods) chart, with the same figures as a table. */
export function TrendChart({ trend, title }: { trend: Trend; title: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = trend.series.map((s) => t(`analytics.series.${s.id}`));
  const option = useMemo(() => {
    const percent = trend.series.every((s) => s.unit === 'percent');
    return {
      color: SERIES_COLOURS,
      tooltip: { trigger: 'axis' },
      legend: { data: names, top: 0 },
      grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: trend.labels.map((label) => pointLabel(format.locale, label)),
        axisLabel: { hideOverlap: true, margin: 12 },
      },
      yAxis: { type: 'value', min: 0, ...(percent ? { axisLabel: { formatter: '{value}%' } } : {}) },
      series: trend.series.map((s, i) => ({
        name: names[i],
        type: trend.step === 'period' ? 'bar' : 'line',
        data: s.values,
        connectNulls: false,
        ...(s.id === 'expectedShare' ? { lineStyle: { type: 'dashed' }, symbol: 'none' } : {}),
      })),
    };
  }, [trend, names, format.locale]);
  const last = (values: (number | null)[]) => [...values].reverse().find((v) => v !== null) ?? null;
  return (
    <Chart
      option={option}
      label={`${t('analytics.trend')}: ${title}`}
      height={220}
      summary={trend.series
        .map((s, i) => `${names[i]}: ${formatValue(t, format.number, s.unit, last(s.values))}`)
        .join(' · ')}
      table={
        <table>
          <caption>{`${t('analytics.trend')}: ${title}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analytics.chart.point')}</th>
              {names.map((name) => (
                <th scope="col" key={name}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trend.labels.map((label, row) => (
              <tr key={label}>
                <th scope="row">
                  {ISO_DAY.test(label) ? format.date(label) : pointLabel(format.locale, label)}
                </th>
                {trend.series.map((s) => (
                  <td key={s.id}>{formatValue(t, format.number, s.unit, s.values[row] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
