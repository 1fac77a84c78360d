import type { RegimeAllocation } from '../../domain/index.js';
import type { DailyClose, RegimeDay } from '../types.js';
import type { Performance, SignalDay } from './metrics.js';
import { countLabels, performance, simulateExposure } from './metrics.js';
import type { ChartDay } from './regime-chart.js';

/** The spec's trading rules: label of day t traded at the close of t+1, 10 bp one-way. */
export const EVAL_RULES = { delayDays: 1, oneWayCost: 0.001 } as const;

export const FOUR_REGIME_EXPOSURE: RegimeAllocation = { TREND_BULL: 1, TREND_NEUTRAL: 0.7, TREND_BEAR: 0.3, CRASH: 0 };

export interface DateRange {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export const RECENT_WINDOW: DateRange = { name: '2020-01-02 .. 2025-09-26', from: '2020-01-02', to: '2025-09-26' };

export const LABEL_PERIODS: readonly DateRange[] = [
  { name: 'March 2020', from: '2020-03-01', to: '2020-03-31' },
  { name: 'October 2008', from: '2008-10-01', to: '2008-10-31' },
  { name: '2022', from: '2022-01-01', to: '2022-12-31' },
  { name: '1-20 February 2020', from: '2020-02-01', to: '2020-02-20' },
  { name: '3-14 February 2020', from: '2020-02-03', to: '2020-02-14' },
];

export type StrategyName = 'Buy and hold' | 'Jump model 0/1' | 'Four regimes';

export interface WindowResult extends DateRange {
  readonly strategies: ReadonlyMap<StrategyName, Performance>;
}

export interface PeriodLabels extends DateRange {
  readonly days: number;
  readonly regimes: ReadonlyMap<string, number>;
  readonly jm: ReadonlyMap<string, number>;
}

export interface Evaluation {
  /** First refit whose training window had the full number of rows: where the online evaluation starts. */
  readonly onlineStart: string;
  readonly lastDate: string;
  /** Online days that had no regime (UNKNOWN) or no jump-model state; expected 0, held at neutral / invested. */
  readonly unlabelledDays: number;
  readonly windows: readonly WindowResult[];
  readonly periods: readonly PeriodLabels[];
  readonly regimeShares: ReadonlyMap<string, number>;
  /** Regime switches over the online span by pair ("TREND_BULL → CRASH"), most frequent first. */
  readonly transitions: ReadonlyMap<string, number>;
  readonly chart: readonly ChartDay[];
}

/**
 * Backtests buy-and-hold, the jump model alone (bull 1, bear 0) and the four regimes over the online span and the
 * recent window, and counts labels in the reference periods. Pure: `days` is the detector's output for `closes`.
 */
export function evaluateRegimes(
  closes: readonly DailyClose[],
  days: readonly RegimeDay[],
  trainingDays: number,
): Evaluation {
  if (closes.length !== days.length) throw new RangeError(`${closes.length} closes but ${days.length} regime days`);
  const onlineStart = firstFullRefit(days, trainingDays);
  const startIndex = days.findIndex((d) => d.date >= onlineStart);
  const online = days.slice(startIndex);
  const onlineCloses = closes.slice(startIndex);
  const lastDate = (online[online.length - 1] as RegimeDay).date;

  const exposures: Record<StrategyName, (d: RegimeDay) => number> = {
    'Buy and hold': () => 1,
    'Jump model 0/1': (d) => (d.jm === 'bear' ? 0 : 1),
    'Four regimes': (d) => (d.regime === 'UNKNOWN' ? FOUR_REGIME_EXPOSURE.TREND_NEUTRAL : FOUR_REGIME_EXPOSURE[d.regime]),
  };
  const held = new Map(
    (Object.keys(exposures) as StrategyName[]).map((name) => {
      const signal: SignalDay[] = online.map((d, i) => ({
        date: d.date,
        close: (onlineCloses[i] as DailyClose).close,
        exposure: exposures[name](d),
      }));
      return [name, simulateExposure(signal, EVAL_RULES)] as const;
    }),
  );
  const windows = [{ name: `online ${onlineStart} .. ${lastDate}`, from: onlineStart, to: lastDate }, RECENT_WINDOW].map(
    (range): WindowResult => ({
      ...range,
      strategies: new Map(
        [...held].map(([name, h]) => [name, performance(h.filter((d) => d.date >= range.from && d.date <= range.to))]),
      ),
    }),
  );
  const periods = LABEL_PERIODS.map((range): PeriodLabels => {
    const inRange = days.filter((d) => d.date >= range.from && d.date <= range.to);
    return {
      ...range,
      days: inRange.length,
      regimes: countLabels(inRange.map((d) => ({ date: d.date, label: d.regime })), range.from, range.to),
      jm: countLabels(inRange.map((d) => ({ date: d.date, label: d.jm ?? 'none' })), range.from, range.to),
    };
  });
  return {
    onlineStart,
    lastDate,
    unlabelledDays: online.filter((d) => d.regime === 'UNKNOWN' || d.jm === null).length,
    windows,
    periods,
    regimeShares: countLabels(online.map((d) => ({ date: d.date, label: d.regime })), onlineStart, lastDate),
    transitions: countTransitions(online),
    chart: online.map((d, i): ChartDay => ({ date: d.date, close: (onlineCloses[i] as DailyClose).close, regime: d.regime })),
  };
}

/** The first refit date with at least `trainingDays` feature rows before it (the first full 3000-day window). */
export function firstFullRefit(days: readonly RegimeDay[], trainingDays: number): string {
  let featureRows = 0;
  let previousRefit: string | null = null;
  for (const day of days) {
    if (day.refitDate !== null && day.refitDate !== previousRefit && day.date === day.refitDate) {
      if (featureRows >= trainingDays) return day.date;
      previousRefit = day.refitDate;
    }
    if (day.features !== null) featureRows++;
  }
  throw new RangeError(`no refit had ${trainingDays} feature rows before it: the history is too short to evaluate`);
}

function countTransitions(days: readonly RegimeDay[]): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (let i = 1; i < days.length; i++) {
    const [from, to] = [(days[i - 1] as RegimeDay).regime, (days[i] as RegimeDay).regime];
    if (from !== to) counts.set(`${from} → ${to}`, (counts.get(`${from} → ${to}`) ?? 0) + 1);
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}
