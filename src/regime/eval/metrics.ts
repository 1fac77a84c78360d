/** Trading days per year, for annualising daily figures. */
export const TRADING_DAYS_PER_YEAR = 252;

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

export interface Performance {
  readonly days: number;
  readonly cagr: number;
  /** Annualised standard deviation of daily returns. */
  readonly volatility: number;
  /** Annualised mean over volatility, risk-free rate 0. */
  readonly sharpe: number;
  /** Worst fall from a running peak of the equity curve, as a negative fraction. */
  readonly maxDrawdown: number;
  /** ½·Σ|Δweight| per year: a full switch in and out of the market is 1. */
  readonly turnover: number;
  readonly switchesPerYear: number;
}

/** Summary statistics of held days (≥ 2 needed for a volatility; fewer give NaN). */
export function performance(held: readonly HeldDay[]): Performance {
  const n = held.length;
  const years = n / TRADING_DAYS_PER_YEAR;
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let sum = 0;
  let turns = 0;
  let switches = 0;
  for (const day of held) {
    equity *= 1 + day.ret;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.min(maxDrawdown, equity / peak - 1);
    sum += day.ret;
    turns += day.turn;
    if (day.turn > 0) switches++;
  }
  const mean = sum / n;
  const variance = held.reduce((acc, d) => acc + (d.ret - mean) ** 2, 0) / (n - 1);
  const dailyStd = Math.sqrt(variance);
  return {
    days: n,
    cagr: equity ** (1 / years) - 1,
    volatility: dailyStd * Math.sqrt(TRADING_DAYS_PER_YEAR),
    sharpe: (mean / dailyStd) * Math.sqrt(TRADING_DAYS_PER_YEAR),
    maxDrawdown,
    turnover: turns / 2 / years,
    switchesPerYear: switches / years,
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
