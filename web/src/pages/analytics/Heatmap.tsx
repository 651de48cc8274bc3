import { HeatmapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matrix } from '../../../../contract/analytics.js';
import { Chart } from '../../components/Chart.js';
import { useFormat } from '../../i18n/format.js';

// The heatmap's pieces, on top of what the shared Chart registers.
echarts.use([HeatmapChart, VisualMapComponent]);

/** Interactions from rows to columns as a heatmap; the table beside it is the same matrix, readable as text. */
export function Heatmap({ matrix, title }: { matrix: Matrix; title: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = matrix.labels.map((label) => label || t('analytics.list.none'));
  const count = new Map(matrix.cells.map((c) => [`${c.source}\u0000${c.target}`, c.interactions]));
  const at = (source: string, target: string) => count.get(`${source}\u0000${target}`) ?? 0;
  const max = Math.max(1, ...matrix.cells.map((c) => c.interactions));
  const option = useMemo(
    () => ({
      tooltip: { position: 'top' },
      grid: { left: 96, right: 12, top: 12, bottom: 72 },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: 40 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: labels, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        inRange: { color: ['#f4f8fc', '#0072B2'] },
      },
      series: [
        {
          type: 'heatmap',
          data: matrix.cells.map((c) => [
            matrix.labels.indexOf(c.target),
            matrix.labels.indexOf(c.source),
            c.interactions,
          ]),
          label: { show: matrix.labels.length <= 8 },
        },
      ],
    }),
    [matrix, labels, max],
  );
  if (matrix.labels.length === 0) return <p className="muted">{t('analytics.collaboration.empty')}</p>;
  const table = (
    <table className="analytics-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('analytics.collaboration.from')}</th>
          {labels.map((label) => (
            <th scope="col" key={label}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.labels.map((source, row) => (
          <tr key={source}>
            <th scope="row">{labels[row]}</th>
            {matrix.labels.map((target) => (
              <td key={target}>{format.number(at(source, target))}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="stack">
      <Chart
        option={option}
        label={title}
        height={Math.max(260, 60 + matrix.labels.length * 28)}
        summary={t('analytics.collaboration.summary')}
        table={table}
      />
      <details>
        <summary>{t('analytics.chart.table')}</summary>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section style={{ overflowX: 'auto' }} aria-label={title} tabIndex={0}>
          {table}
        </section>
      </details>
    </div>
  );
}
