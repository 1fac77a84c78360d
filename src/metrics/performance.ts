/**
 * Performance figures of an equity curve: the one implementation of CAGR, volatility, Sharpe, Sortino and drawdown,
 * used by the backtest, its benchmarks and eval:regime alike. Pure; no I/O.
 *
 * Conventions: simple daily returns; a year is 252 returns (CAGR from the number of returns, as the trading calendar
 * counts time); volatility is the sample standard deviation × √252; Sharpe and Sortino subtract the daily risk-free
 * rate (annual / 252) from each return; Sortino's downside deviation is the root mean square of the negative excess
 * returns over all days.
 */
import type { MonthReturn, ReturnMetrics } from '../backtest/types.js';

export const TRADING_DAYS_PER_YEAR = 252;

export interface MetricOptions {
  /** Annual risk-free rate as a fraction (0.02 = 2%); default 0. */
  readonly riskFree?: number;
}

/** Simple daily returns: values[i] / values[i-1] - 1, one fewer than values. */
export function dailyReturns(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) out.push((values[i] as number) / (values[i - 1] as number) - 1);
  return out;
}

/** The curve that daily returns compound to from `start`: the inverse of dailyReturns, one more than returns. */
export function equityCurve(returns: readonly number[], start = 1): number[] {
  const out = [start];
  for (const r of returns) out.push((out[out.length - 1] as number) * (1 + r));
  return out;
}

/** Fall from the running peak per day (≤ 0), same length as values. */
export function drawdownSeries(values: readonly number[]): number[] {
  let peak = -Infinity;
  return values.map((v) => {
    peak = Math.max(peak, v);
    return v / peak - 1;
  });
}

function assertSameLength(dates: readonly string[], values: readonly number[]): void {
  if (dates.length !== values.length) throw new RangeError(`dates (${dates.length}) and values (${values.length}) differ in length`);
}

/** Return of each period (keyed by keyOf(date)): its last value over the previous period's last; the first over the first value. */
function periodReturns(dates: readonly string[], values: readonly number[], keyOf: (date: string) => string): { key: string; ret: number }[] {
  assertSameLength(dates, values);
  const out: { key: string; ret: number }[] = [];
  let base = values[0];
  for (let i = 0; i < dates.length; i++) {
    const key = keyOf(dates[i] as string);
    const last = i === dates.length - 1 || keyOf(dates[i + 1] as string) !== key;
    if (!last || base === undefined) continue;
    out.push({ key, ret: (values[i] as number) / base - 1 });
    base = values[i] as number;
  }
  return out;
}

/** Return of each calendar month: its last value over the previous month's last (the first month: over the first value). */
export function monthlyReturns(dates: readonly string[], values: readonly number[]): MonthReturn[] {
  return periodReturns(dates, values, (d) => d.slice(0, 7)).map(({ key, ret }) => ({ month: key, return: ret }));
}

/** Return of each calendar year, likewise. */
export function yearlyReturns(dates: readonly string[], values: readonly number[]): { year: number; return: number }[] {
  return periodReturns(dates, values, (d) => d.slice(0, 4)).map(({ key, ret }) => ({ year: Number(key), return: ret }));
}

interface Moments {
  readonly mean: number;
  readonly std: number;
  readonly downside: number;
}

function moments(returns: readonly number[], dailyRiskFree: number): Moments {
  const n = returns.length;
  let sum = 0;
  for (const r of returns) sum += r;
  const mean = sum / n;
  let squares = 0;
  let downSquares = 0;
  for (const r of returns) {
    squares += (r - mean) ** 2;
    const excess = r - dailyRiskFree;
    if (excess < 0) downSquares += excess * excess;
  }
  return { mean, std: n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN, downside: Math.sqrt(downSquares / n) };
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Compound annual growth of a curve over 252-return years; null with fewer than 2 values. */
export function cagrOf(values: readonly number[]): number | null {
  const years = (values.length - 1) / TRADING_DAYS_PER_YEAR;
  const first = values[0];
  const last = values[values.length - 1];
  return first !== undefined && last !== undefined && years > 0 ? finiteOrNull((last / first) ** (1 / years) - 1) : null;
}

/** Annualised sample standard deviation of daily returns; null with fewer than 2 returns. */
export function volatilityOf(returns: readonly number[]): number | null {
  return returns.length > 1 ? finiteOrNull(moments(returns, 0).std * Math.sqrt(TRADING_DAYS_PER_YEAR)) : null;
}

/** Annualised Sharpe of daily returns; null when undefined (fewer than 2 returns, or no variation). */
export function sharpeOf(returns: readonly number[], options: MetricOptions = {}): number | null {
  const rf = (options.riskFree ?? 0) / TRADING_DAYS_PER_YEAR;
  const m = moments(returns, rf);
  return m.std > 0 ? finiteOrNull(((m.mean - rf) / m.std) * Math.sqrt(TRADING_DAYS_PER_YEAR)) : null;
}

/** Trailing-window annualised Sharpe per day (null before the window is full). */
export function rollingSharpe(values: readonly number[], window = TRADING_DAYS_PER_YEAR, options: MetricOptions = {}): (number | null)[] {
  const returns = dailyReturns(values);
  return values.map((_, i) => (i < window ? null : sharpeOf(returns.slice(i - window, i), options)));
}

/** The worst fall from a running peak, with the peak's (last day at that high) and trough's dates and the first day back at the peak. */
export function maxDrawdownOf(
  dates: readonly string[],
  values: readonly number[],
): Pick<ReturnMetrics, 'maxDrawdown' | 'maxDrawdownPeak' | 'maxDrawdownTrough' | 'recovery'> {
  assertSameLength(dates, values);
  let peak = 0;
  let worst = 0;
  let worstPeak = -1;
  let worstTrough = -1;
  for (let i = 0; i < values.length; i++) {
    // ≥: on a plateau the peak is its last day, where the fall starts.
    if ((values[i] as number) >= (values[peak] as number)) peak = i;
    const dd = (values[i] as number) / (values[peak] as number) - 1;
    if (dd < worst) {
      worst = dd;
      worstPeak = peak;
      worstTrough = i;
    }
  }
  if (worstTrough < 0) return { maxDrawdown: 0, maxDrawdownPeak: null, maxDrawdownTrough: null, recovery: null };
  let recovery: string | null = null;
  for (let i = worstTrough + 1; i < values.length; i++) {
    if ((values[i] as number) >= (values[worstPeak] as number)) {
      recovery = dates[i] as string;
      break;
    }
  }
  return { maxDrawdown: worst, maxDrawdownPeak: dates[worstPeak] as string, maxDrawdownTrough: dates[worstTrough] as string, recovery };
}

/** Every ReturnMetrics figure of one curve (dates ascending, values > 0, same length). */
export function returnMetrics(dates: readonly string[], values: readonly number[], options: MetricOptions = {}): ReturnMetrics {
  assertSameLength(dates, values);
  const returns = dailyReturns(values);
  const rf = (options.riskFree ?? 0) / TRADING_DAYS_PER_YEAR;
  const m = moments(returns, rf);
  const cagr = cagrOf(values);
  const drawdown = maxDrawdownOf(dates, values);
  const months = monthlyReturns(dates, values);
  let best: MonthReturn | null = null;
  let worst: MonthReturn | null = null;
  for (const month of months) {
    if (best === null || month.return > best.return) best = month;
    if (worst === null || month.return < worst.return) worst = month;
  }
  return {
    cagr,
    volatility: volatilityOf(returns),
    sharpe: sharpeOf(returns, options),
    sortino: m.downside > 0 ? finiteOrNull(((m.mean - rf) / m.downside) * Math.sqrt(TRADING_DAYS_PER_YEAR)) : null,
    ...drawdown,
    calmar: cagr !== null && drawdown.maxDrawdown < 0 ? cagr / -drawdown.maxDrawdown : null,
    bestMonth: best,
    worstMonth: worst,
  };
}
