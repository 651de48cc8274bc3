import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trend } from '../../../../contract/analytics.js';
import { Chart } from '../../components/Chart.js';
import { useFormat } from '../../i18n/format.js';
import { formatValue, SERIES_COLOURS } from './format.js';

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
      grid: { left: 44, right: 12, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: trend.labels },
      yAxis: { type: 'value', min: 0, ...(percent ? { axisLabel: { formatter: '{value}%' } } : {}) },
      series: trend.series.map((s, i) => ({
        name: names[i],
        type: trend.step === 'period' ? 'bar' : 'line',
        data: s.values,
        connectNulls: false,
        ...(s.id === 'expectedShare' ? { lineStyle: { type: 'dashed' }, symbol: 'none' } : {}),
      })),
    };
  }, [trend, names]);
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
                <th scope="row">{label}</th>
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
