import type { ReturnMetrics } from '../../backtest/types.js';
import { cagrOf, drawdownSeries, equityCurve, sharpeOf, TRADING_DAYS_PER_YEAR, volatilityOf } from '../../metrics/performance.js';

/** A close and the exposure (0..1) decided from the regime label known after that close. */
export interface SignalDay {
  readonly date: string;
  readonly close: number;
  readonly exposure: number;
}

/** One day of a simulated strategy: the weight held over the day, |Δweight| traded into it, and the net return. */
export interface HeldDay {
  readonly date: string;
  readonly weight: number;
  readonly turn: number;
  readonly ret: number;
}

export interface TradingRules {
  /** Closes between knowing a label and trading it; 1 = label of day t traded at the close of t+1. */
  readonly delayDays: number;
  /** Cost per unit of |Δweight|, e.g. 0.001 for 10 bp one-way. */
  readonly oneWayCost: number;
}

/**
 * Trades each day's exposure `delayDays` closes later, so it earns from the close after that (label of t, traded at
 * the close of t+1, earns day t+2's return). The weight is the target exposure every day (constant mix). The first
 * held day starts already positioned: no entry trade, so buy-and-hold has zero turnover.
 */
export function simulateExposure(days: readonly SignalDay[], rules: TradingRules): HeldDay[] {
  const held: HeldDay[] = [];
  for (let s = rules.delayDays + 1; s < days.length; s++) {
    const today = days[s] as SignalDay;
    const weight = (days[s - 1 - rules.delayDays] as SignalDay).exposure;
    const previous = held[held.length - 1];
    const turn = previous ? Math.abs(weight - previous.weight) : 0;
    const marketReturn = today.close / (days[s - 1] as SignalDay).close - 1;
    held.push({ date: today.date, weight, turn, ret: weight * marketReturn - rules.oneWayCost * turn });
  }
  return held;
}

/** Curve figures from the one metrics module (null where undefined, e.g. no Sharpe without variation), plus trading. */
export interface Performance extends Pick<ReturnMetrics, 'cagr' | 'volatility' | 'sharpe' | 'maxDrawdown'> {
  readonly days: number;
  /** ½·Σ|Δweight| per year: a full switch in and out of the market is 1. */
  readonly turnover: number;
  readonly switchesPerYear: number;
}

/**
 * Summary statistics of held days: the curve figures of the equity they compound to from 1 at the close before the
 * first day (risk-free rate 0), and the regime-eval trading figures.
 */
export function performance(held: readonly HeldDay[]): Performance {
  const returns = held.map((d) => d.ret);
  const equity = equityCurve(returns);
  const years = held.length / TRADING_DAYS_PER_YEAR;
  return {
    days: held.length,
    cagr: cagrOf(equity),
    volatility: volatilityOf(returns),
    sharpe: sharpeOf(returns),
    maxDrawdown: drawdownSeries(equity).reduce((worst, d) => Math.min(worst, d), 0),
    turnover: held.reduce((sum, d) => sum + d.turn, 0) / 2 / years,
    switchesPerYear: held.filter((d) => d.turn > 0).length / years,
  };
}

/** How many days in [from, to] (inclusive ISO dates) carry each label, in first-seen order. */
export function countLabels(
  days: readonly { readonly date: string; readonly label: string }[],
  from: string,
  to: string,
): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const { date, label } of days) {
    if (date >= from && date <= to) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}
