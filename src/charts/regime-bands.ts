/** Regimes drawn as coloured background bands: one colour per regime, shared by the regime docs and the backtest report. */
import type { LineSeriesOption } from 'echarts/charts';
import type { RegimeLabel } from '../regime/types.js';
import { runsOf } from './axes.js';

/** Shading per regime: green to red as exposure falls; grey while the detector warms up (or has no regime). */
export const REGIME_COLOURS: Readonly<Record<RegimeLabel, string>> = {
  TREND_BULL: '#4caf50',
  TREND_NEUTRAL: '#fdd835',
  TREND_BEAR: '#fb8c00',
  CRASH: '#e53935',
  UNKNOWN: '#bdbdbd',
};

const ORDER = Object.keys(REGIME_COLOURS) as RegimeLabel[];

/**
 * One empty line series per regime present, carrying that regime's bands as a mark area: the legend then shows
 * each regime's colour under `legendName(regime, share)` (share of days, 0..1).
 */
export function regimeBandSeries(
  dates: readonly string[],
  regimes: readonly RegimeLabel[],
  legendName: (regime: RegimeLabel, share: number) => string,
  opacity = 0.35,
): LineSeriesOption[] {
  const runs = runsOf(regimes);
  const last = dates.length - 1;
  return ORDER.filter((regime) => regimes.includes(regime)).map((regime) => ({
    type: 'line',
    name: legendName(regime, regimes.filter((r) => r === regime).length / regimes.length),
    data: [],
    itemStyle: { color: REGIME_COLOURS[regime] },
    markArea: {
      silent: true,
      itemStyle: { color: REGIME_COLOURS[regime], opacity },
      // A band reaches the next run's first day, so adjacent bands tile the plot without gaps.
      data: runs
        .filter((run) => run.value === regime)
        .map((run) => [{ xAxis: dates[run.start] ?? '' }, { xAxis: dates[Math.min(run.end + 1, last)] ?? '' }]),
    },
  }));
}
