/**
 * The report's charts: each a pure function from the run to an ECharts option, and its SVG rendered server-side
 * (no script in the page). The series arrive precomputed in BacktestRun; this only draws them.
 */
import { logTicks } from '../../charts/axes.js';
import { tradingDayAxis } from '../../charts/date-axis.js';
import { regimeBandSeries } from '../../charts/regime-bands.js';
import { renderChartSvg, type ChartOption } from '../../charts/render-svg.js';
import type { BacktestRun, EquityPoint } from '../types.js';

const WIDTH = 1000;
// The page's headings name the charts, so the charts carry no titles of their own.
const GRID = { left: 72, right: 24, top: 16, bottom: 32 } as const;
const WITH_LEGEND = { ...GRID, top: 36 } as const;
const LEGEND = { left: GRID.left, top: 6, icon: 'rect', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } } as const;

const SERIES_COLOURS = { strategy: '#1565c0', spy: '#424242', alwaysBull: '#2e7d32', equalWeight: '#8e24aa' } as const;

const percentLabel = (digits: number) => (value: number): string => `${(value * 100).toFixed(digits)}%`;

function lineSeries(name: string, data: readonly (number | null)[], colour: string, extra: { area?: boolean } = {}) {
  return {
    type: 'line' as const,
    name,
    // ECharts leaves a gap at '-' (a day without a value).
    data: data.map((v) => (v === null ? '-' : v)),
    showSymbol: false,
    sampling: 'lttb' as const,
    lineStyle: { color: colour, width: 1.2 },
    itemStyle: { color: colour },
    ...(extra.area === true ? { areaStyle: { color: colour, opacity: 0.25 } } : {}),
  };
}

/** (a) Strategy equity against the three benchmarks, on a log axis so equal returns look equally steep. */
export function equityChartOption(run: BacktestRun): ChartOption {
  const curves: [string, keyof typeof SERIES_COLOURS, (p: EquityPoint) => number | null][] = [
    ['strategy', 'strategy', (p) => p.equity],
    ['SPY buy & hold', 'spy', (p) => p.spy],
    ['always bull', 'alwaysBull', (p) => p.alwaysBull],
    ['equal weight', 'equalWeight', (p) => p.equalWeight],
  ];
  const drawn = curves
    .map(([name, key, value]) => ({ name, colour: SERIES_COLOURS[key], values: run.equity.map(value) }))
    .filter((c) => c.values.some((v) => v !== null));
  const all = drawn.flatMap((c) => c.values.filter((v): v is number => v !== null && v > 0));
  const [min, max] = [Math.min(...all) / 1.03, Math.max(...all) * 1.03];
  const ticks = logTicks(min, max);
  return {
    legend: LEGEND,
    grid: WITH_LEGEND,
    xAxis: tradingDayAxis(run.equity.map((p) => p.date)),
    yAxis: {
      type: 'log',
      min,
      max,
      axisLabel: { customValues: ticks, formatter: (v: number) => `$${v.toLocaleString('en-US')}` },
      axisTick: { customValues: ticks },
    },
    series: drawn.map((c) => lineSeries(c.name, c.values, c.colour)),
  };
}

/** (b) The strategy's fall from its running peak. */
export function drawdownChartOption(run: BacktestRun): ChartOption {
  return {
    grid: GRID,
    xAxis: tradingDayAxis(run.equity.map((p) => p.date)),
    yAxis: { type: 'value', max: 0, axisLabel: { formatter: percentLabel(0) } },
    series: [lineSeries('drawdown', run.charts.drawdown, '#c62828', { area: true })],
  };
}

/** (c) Which regime each day ran under, as a band of colour. */
export function regimeTimelineOption(run: BacktestRun): ChartOption {
  const dates = run.equity.map((p) => p.date);
  const regimes = run.equity.map((p) => p.regime ?? 'UNKNOWN');
  return {
    legend: LEGEND,
    grid: { ...WITH_LEGEND, bottom: 28 },
    xAxis: tradingDayAxis(dates),
    yAxis: { type: 'value', min: 0, max: 1, show: false },
    series: regimeBandSeries(dates, regimes, (regime, share) => `${regime === 'UNKNOWN' ? 'no regime' : regime} ${(100 * share).toFixed(1)}%`, 1),
  };
}

/** (d) Invested share of equity per day. */
export function exposureChartOption(run: BacktestRun): ChartOption {
  return {
    grid: GRID,
    xAxis: tradingDayAxis(run.equity.map((p) => p.date)),
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: percentLabel(0) } },
    series: [lineSeries('exposure', run.equity.map((p) => p.exposure), '#00838f', { area: true })],
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** (e) Monthly returns, a year per row and a month per column, red for losses and green for gains. */
export function monthlyHeatmapOption(run: BacktestRun): ChartOption {
  const years = [...new Set(run.charts.monthly.map((m) => m.month.slice(0, 4)))];
  const cells = run.charts.monthly.map((m) => [Number(m.month.slice(5, 7)) - 1, years.indexOf(m.month.slice(0, 4)), m.return]);
  // Symmetric colour scale, so white is exactly zero.
  const extreme = Math.max(0.01, ...run.charts.monthly.map((m) => Math.abs(m.return)));
  return {
    grid: { ...GRID, top: 28, bottom: 8 },
    xAxis: { type: 'category', data: MONTHS, position: 'top', splitArea: { show: false }, axisTick: { show: false } },
    yAxis: { type: 'category', data: years, inverse: true, axisTick: { show: false } },
    visualMap: { show: false, min: -extreme, max: extreme, dimension: 2, inRange: { color: ['#c62828', '#ffffff', '#2e7d32'] } },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: { show: true, fontSize: 10, formatter: (p: { value: unknown }) => percentLabel(1)((p.value as number[])[2] ?? 0) },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      },
    ],
  };
}

/** (f) Trailing 12-month Sharpe ratio. */
export function rollingSharpeOption(run: BacktestRun): ChartOption {
  return {
    grid: GRID,
    xAxis: tradingDayAxis(run.equity.map((p) => p.date)),
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => v.toFixed(1) } },
    series: [lineSeries('rolling Sharpe', run.charts.rollingSharpe, '#5d4037')],
  };
}

export const equityChartSvg = (run: BacktestRun): string => renderChartSvg(equityChartOption(run), { width: WIDTH, height: 420 }, 'equity');
export const drawdownChartSvg = (run: BacktestRun): string => renderChartSvg(drawdownChartOption(run), { width: WIDTH, height: 220 }, 'drawdown');
export const regimeTimelineSvg = (run: BacktestRun): string => renderChartSvg(regimeTimelineOption(run), { width: WIDTH, height: 120 }, 'regime');
export const exposureChartSvg = (run: BacktestRun): string => renderChartSvg(exposureChartOption(run), { width: WIDTH, height: 200 }, 'exposure');
export const rollingSharpeSvg = (run: BacktestRun): string => renderChartSvg(rollingSharpeOption(run), { width: WIDTH, height: 220 }, 'sharpe');
export function monthlyHeatmapSvg(run: BacktestRun): string {
  const rows = new Set(run.charts.monthly.map((m) => m.month.slice(0, 4))).size;
  return renderChartSvg(monthlyHeatmapOption(run), { width: WIDTH, height: 40 + 26 * Math.max(rows, 1) }, 'monthly');
}
