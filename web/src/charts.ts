import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { h } from './dom';
import { calendar, count, rupiah } from './i18n';

// Only the parts the dashboard draws, bundled with the page (no CDN: users' networks may be closed).
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Series {
  readonly name: string;
  readonly kind: 'bar' | 'line';
  readonly values: readonly number[];
}

/**
 * A chart of periods (months or days) and whole numbers. The container carries what was drawn as
 * `data-periods` and `data-series` (JSON), so that a test or an assistive tool can read the figures.
 */
export function periodChart(id: string, periods: readonly string[], series: readonly Series[], money = false) {
  const element = h('div', {
    class: 'chart',
    id,
    role: 'img',
    'data-periods': JSON.stringify(periods),
    'data-series': JSON.stringify(Object.fromEntries(series.map((s) => [s.name, s.values]))),
  });
  const format = money ? rupiah : count;
  // Drawn once the element is in the page, so that ECharts can measure it.
  requestAnimationFrame(() => {
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => format(Number(value)) },
      xAxis: { type: 'category', data: periods.map(calendar) },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => format(value) } },
      series: series.map((s) => ({ name: s.name, type: s.kind, data: [...s.values], showSymbol: periods.length < 40 })),
    });
    new ResizeObserver(() => chart.resize()).observe(element);
  });
  return element;
}
