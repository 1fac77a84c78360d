import type { RegimeLabel } from '../types.js';
import { logTicks } from '../../charts/axes.js';
import { tradingDayAxis } from '../../charts/date-axis.js';
import { regimeBandSeries } from '../../charts/regime-bands.js';
import { renderChartSvg, type ChartOption } from '../../charts/render-svg.js';

export { REGIME_COLOURS } from '../../charts/regime-bands.js';

export interface ChartDay {
  readonly date: string;
  readonly close: number;
  readonly regime: RegimeLabel;
}

export interface ChartOptions {
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
}

/** The closes on a log scale over a background shaded by each day's regime, with each regime's share in the legend. */
export function regimeChartOption(days: readonly ChartDay[], options: ChartOptions): ChartOption {
  const dates = days.map((d) => d.date);
  const closes = days.map((d) => d.close);
  const lo = Math.min(...closes);
  const hi = Math.max(...closes);
  // A little room above and below the line, as a ratio since the axis is logarithmic.
  const [min, max] = [lo / 1.05, hi * 1.05];
  const ticks = logTicks(min, max);
  return {
    title: { text: options.title, left: 56, top: 6, textStyle: { fontSize: 14, color: '#212121' } },
    legend: { left: 56, top: 30, icon: 'rect', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 56, right: 16, top: 56, bottom: 28 },
    xAxis: tradingDayAxis(dates),
    yAxis: {
      type: 'log',
      min,
      max,
      axisLabel: { customValues: ticks, color: '#424242' },
      axisTick: { customValues: ticks },
      splitLine: { lineStyle: { color: '#9e9e9e', width: 0.5 } },
    },
    series: [
      {
        type: 'line',
        name: 'close (log scale)',
        data: closes,
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { color: '#212121', width: 1 },
        itemStyle: { color: '#212121' },
      },
      ...regimeBandSeries(dates, days.map((d) => d.regime), (regime, share) => `${regime} ${(100 * share).toFixed(1)}%`),
    ],
  };
}

/**
 * The regime chart as SVG text, rendered by ECharts without a browser. Trading days are evenly spaced (no weekend
 * gaps). Deterministic text, so regenerating an unchanged evaluation changes nothing.
 */
export function regimeChartSvg(days: readonly ChartDay[], options: ChartOptions): string {
  const size = { width: options.width ?? 960, height: options.height ?? 400 };
  return `${renderChartSvg(regimeChartOption(days, options), size, 'regime')}\n`;
}
