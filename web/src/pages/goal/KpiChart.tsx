import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Goal, KpiSeries } from '../../../../contract/goals.js';
import { goalKeys, goalsApi } from '../../api/goals.js';
import { Chart } from '../../components/Chart.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Skeleton } from '../../components/Skeleton.js';
import { shortDate, useFormat } from '../../i18n/format.js';
import { rounded } from './figures.js';

const WEEKS = 12;

/** The goal's KPI per week against its target, with the same figures as a table for screen readers. */
export function KpiChart({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const series = useQuery({
    queryKey: goalKeys.kpi(goal.id, WEEKS),
    queryFn: () => goalsApi.kpi(goal.id, WEEKS),
  });
  const option = useMemo(
    () => (series.data ? optionFor(series.data, (iso) => shortDate(format.locale, iso), t) : null),
    [series.data, format.locale, t],
  );
  if (series.isPending) return <Skeleton lines={4} />;
  if (!series.data || !option) return <ErrorMessage error={series.error} />;
  const weeks = series.data.weeks;
  const measured = weeks.filter((week) => week.met !== null);
  return (
    <section className="card" aria-labelledby="goal-chart-title">
      <h2 id="goal-chart-title">{t('goals.page.chartTitle')}</h2>
      <Chart
        option={option}
        label={t('goals.page.chartLabel', { kpi: t(`goals.kpi.${goal.kpi}`) })}
        summary={t('goals.page.chartSummary', {
          weeks: weeks.length,
          met: measured.filter((week) => week.met).length,
          measured: measured.length,
        })}
        table={
          <table>
            <caption>{t('goals.page.chartTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('goals.page.week')}</th>
                <th scope="col">{t('goals.page.actual')}</th>
                <th scope="col">{t('goals.page.target')}</th>
                <th scope="col">{t('goals.page.counted')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.from}>
                  <th scope="row">
                    {format.date(week.from)} {week.partial ? t('goals.page.running') : ''}
                  </th>
                  <td>{week.actual === null ? '–' : rounded(week.actual)}</td>
                  <td>{week.target}</td>
                  <td>{week.counted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

function optionFor(series: KpiSeries, date: (iso: string) => string, t: (key: string) => string) {
  const percent = series.unit !== 'ideas_per_week';
  return {
    tooltip: { trigger: 'axis' },
    // The legend above the plot and the labels inside the grid: neither can run over the other or the dates.
    legend: { top: 0, data: [t('goals.page.actual'), t('goals.page.target')] },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: series.weeks.map((week) => date(week.from)),
      // Far enough below the axis that the first date clears the y axis's "0".
      axisLabel: { hideOverlap: true, margin: 12 },
    },
    // Ideas come whole: no 0.2 idea on the axis.
    yAxis: {
      type: 'value',
      min: 0,
      ...(percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : { minInterval: 1 }),
    },
    series: [
      {
        name: t('goals.page.actual'),
        type: percent ? 'line' : 'bar',
        data: series.weeks.map((week) => (week.actual === null ? null : rounded(week.actual))),
        connectNulls: false,
      },
      {
        name: t('goals.page.target'),
        type: 'line',
        step: 'middle',
        symbol: 'none',
        lineStyle: { type: 'dashed' },
        data: series.weeks.map((week) => week.target),
      },
    ],
  };
}
