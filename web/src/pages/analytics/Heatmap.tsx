import { HeatmapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matrix } from '../../../../contract/analytics.js';
import { Chart } from '../../components/Chart.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { useFormat } from '../../i18n/format.js';

// The heatmap's pieces, on top of what the shared Chart registers.
echarts.use([HeatmapChart, VisualMapComponent]);

// Room for a cell's number, and for the row labels: below that, the chart scrolls instead of squeezing.
const COLUMN_WIDTH = 40;
const LABELS_WIDTH = 140;

/** Interactions from rows to columns as a heatmap; the table beside it is the same matrix, readable as text. */
export function Heatmap({ matrix, title }: { matrix: Matrix; title: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = matrix.labels.map((label) => label || t('analytics.list.none'));
  const count = new Map(matrix.cells.map((c) => [`${c.source}\u0000${c.target}`, c.interactions]));
  const at = (source: string, target: string) => count.get(`${source}\u0000${target}`) ?? 0;
  const max = Math.max(1, ...matrix.cells.map((c) => c.interactions));
  const top = matrix.cells.reduce<Matrix['cells'][number] | null>(
    (a, c) => (a && a.interactions >= c.interactions ? a : c),
    null,
  );
  const name = (label: string) => label || t('analytics.list.none');
  const busiest = top && { from: name(top.source), to: name(top.target), count: top.interactions };
  const option = useMemo(
    () => ({
      tooltip: { position: 'top' },
      // Labels inside the grid (cut at a fixed width), the colour scale below them: nothing overlaps.
      grid: { left: 8, right: 12, top: 12, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { rotate: 40, width: 96, overflow: 'truncate', interval: 0 },
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: labels,
        axisLabel: { width: 112, overflow: 'truncate', interval: 0 },
        splitArea: { show: true },
      },
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
  // Departments or locations of too few people are left out; the page names them and says why.
  const withheld = matrix.withheld && (
    <p className="muted small" data-withheld={matrix.withheld.withheld}>
      {t('analytics.withheldLabels', {
        minimum: matrix.withheld.minimum,
        labels: matrix.withheld.labels.map(name).join(', '),
      })}
    </p>
  );
  if (matrix.labels.length === 0) {
    return (
      <>
        <p className="muted">{t('analytics.collaboration.empty')}</p>
        {withheld}
      </>
    );
  }
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
        height={Math.max(300, 150 + matrix.labels.length * 28)}
        minWidth={COLUMN_WIDTH * matrix.labels.length + LABELS_WIDTH}
        summary={
          busiest
            ? t('analytics.collaboration.busiest', { ...busiest, count: format.number(busiest.count) })
            : ''
        }
        table={table}
      />
      {withheld}
      <details>
        <summary>{t('analytics.chart.table')}</summary>
        <ScrollRegion label={title}>{table}</ScrollRegion>
      </details>
    </div>
  );
}
