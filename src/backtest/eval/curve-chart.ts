/** A log-scale chart of named equity curves on one trading-day axis (docs/strategy.md), through the report's library. */
import { logTicks } from '../../charts/axes.js';
import { tradingDayAxis } from '../../charts/date-axis.js';
import { renderChartSvg, type ChartOption } from '../../charts/render-svg.js';

export interface NamedCurve {
  readonly name: string;
  readonly colour: string;
  /** Aligned with the chart's dates; null where the curve has no value. */
  readonly values: readonly (number | null)[];
}

export function curveChartOption(dates: readonly string[], curves: readonly NamedCurve[]): ChartOption {
  const all = curves.flatMap((c) => c.values.filter((v): v is number => v !== null && v > 0));
  const [min, max] = [Math.min(...all) / 1.03, Math.max(...all) * 1.03];
  const ticks = logTicks(min, max);
  return {
    legend: { left: 72, top: 6, icon: 'rect', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 72, right: 24, top: 36, bottom: 32 },
    xAxis: tradingDayAxis(dates),
    yAxis: { type: 'log', min, max, axisLabel: { customValues: ticks, formatter: (v: number) => `$${v.toLocaleString('en-US')}` }, axisTick: { customValues: ticks } },
    series: curves.map((c) => ({
      type: 'line' as const,
      name: c.name,
      data: c.values.map((v) => (v === null ? '-' : v)),
      showSymbol: false,
      sampling: 'lttb' as const,
      lineStyle: { color: c.colour, width: 1.2 },
      itemStyle: { color: c.colour },
    })),
  };
}

export function curveChartSvg(dates: readonly string[], curves: readonly NamedCurve[], id: string): string {
  return renderChartSvg(curveChartOption(dates, curves), { width: 1000, height: 380 }, id);
}
