import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { ScrollRegion } from './ScrollRegion.js';

// Only the pieces Plein's charts use, so the bundle stays small; add a piece here when a chart needs it.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/**
 * An Apache ECharts chart from an option object. Charts are pictures to a screen reader, so every chart takes a
 * text alternative: `summary` (read as its description) and `table` (a visually hidden table of the same figures).
 */
export function Chart({
  option,
  label,
  summary,
  table,
  height = 280,
  minWidth,
}: {
  option: EChartsCoreOption;
  label: string;
  summary: string;
  table: ReactNode;
  height?: number;
  /** Below this width the chart scrolls sideways instead of squeezing its labels together. */
  minWidth?: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const descriptionId = useId();

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const picture = (width: number | undefined) => (
    <div
      ref={element}
      role="img"
      aria-label={label}
      aria-describedby={descriptionId}
      style={{ height, minWidth: width }}
    />
  );
  return (
    <figure className="chart">
      {minWidth ? <ScrollRegion label={label}>{picture(minWidth)}</ScrollRegion> : picture(undefined)}
      <figcaption id={descriptionId} className="muted small">
        {summary}
      </figcaption>
      <div className="visually-hidden">{table}</div>
    </figure>
  );
}
