import { describe, expect, it } from 'vitest';
import { equityChartOption, monthlyHeatmapOption, regimeTimelineOption } from '../../../src/backtest/report/charts.js';
import { REGIME_COLOURS } from '../../../src/charts/regime-bands.js';
import { aBacktestRun } from './fixture.js';

const names = (series: unknown): string[] => (series as { name?: string }[]).map((s) => s.name ?? '');

describe('report charts', () => {
  it('draws equity and every available benchmark on a log axis', () => {
    const option = equityChartOption(aBacktestRun());
    expect(names(option.series)).toEqual(['strategy', 'SPY buy & hold', 'always bull', 'equal weight']);
    expect(option.yAxis).toMatchObject({ type: 'log' });
  });

  it('leaves out a benchmark without data', () => {
    expect(names(equityChartOption(aBacktestRun({ withoutEqualWeight: true })).series)).not.toContain('equal weight');
  });

  it('bands the regimes in their colours, days without a regime in grey', () => {
    const series = regimeTimelineOption(aBacktestRun()).series as { name: string; itemStyle: { color: string } }[];
    expect(series.map((s) => [s.name.split(' ')[0], s.itemStyle.color])).toEqual([
      ['TREND_BULL', REGIME_COLOURS.TREND_BULL],
      ['TREND_NEUTRAL', REGIME_COLOURS.TREND_NEUTRAL],
      ['TREND_BEAR', REGIME_COLOURS.TREND_BEAR],
      ['CRASH', REGIME_COLOURS.CRASH],
      ['no', REGIME_COLOURS.UNKNOWN],
    ]);
  });

  it('places each month in its year row and month column', () => {
    const run = aBacktestRun();
    const option = monthlyHeatmapOption(run);
    const cells = (option.series as { data: number[][] }[])[0]?.data ?? [];
    expect(cells).toHaveLength(run.charts.monthly.length);
    expect(cells[0]).toEqual([0, 0, run.charts.monthly[0]?.return]);
    expect(cells[cells.length - 1]).toEqual([11, 2, run.charts.monthly[run.charts.monthly.length - 1]?.return]);
  });
});
