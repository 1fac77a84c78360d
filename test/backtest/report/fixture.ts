/**
 * A realistic BacktestRun for the report's tests: three years of weekdays, a synthetic market whose drift follows a
 * regime schedule, a strategy that scales its exposure by regime, three benchmarks and monthly fills. Seeded, so
 * deterministic; every figure comes from src/metrics/performance.ts, as the engine computes them.
 */
import type { BacktestMetrics, BacktestRun, EquityPoint, FillRow, TradingMetrics } from '../../../src/backtest/types.js';
import type { Regime } from '../../../src/domain/index.js';
import { REGIMES } from '../../../src/domain/index.js';
import { drawdownSeries, monthlyReturns, returnMetrics, rollingSharpe, TRADING_DAYS_PER_YEAR, yearlyReturns } from '../../../src/metrics/performance.js';
import { mulberry32, standardNormal } from '../../../src/random/prng.js';
import { addDays, weekdayOf } from '../../../src/time/calendar-date.js';

const CAPITAL = 100_000;
const EXPOSURE: Readonly<Record<Regime, number>> = { TREND_BULL: 1, TREND_NEUTRAL: 0.6, TREND_BEAR: 0.3, CRASH: 0 };
/** Daily drift and volatility of the market in each regime. */
const MARKET: Readonly<Record<Regime, { drift: number; vol: number }>> = {
  TREND_BULL: { drift: 0.0008, vol: 0.008 },
  TREND_NEUTRAL: { drift: 0.0001, vol: 0.011 },
  TREND_BEAR: { drift: -0.0012, vol: 0.016 },
  CRASH: { drift: -0.004, vol: 0.03 },
};
/** Days per regime in order; the detector has no regime for the first 20 days. */
const SCHEDULE: readonly [Regime | null, number][] = [
  [null, 20], ['TREND_BULL', 180], ['TREND_NEUTRAL', 40], ['TREND_BEAR', 70], ['CRASH', 25], ['TREND_BEAR', 30],
  ['TREND_NEUTRAL', 35], ['TREND_BULL', 210], ['TREND_NEUTRAL', 30], ['TREND_BULL', 140],
];

function weekdays(from: string, count: number): string[] {
  const out: string[] = [];
  for (let date = from; out.length < count; date = addDays(date, 1)) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const weekday = weekdayOf(y, m, d);
    if (weekday !== 0 && weekday !== 6) out.push(date);
  }
  return out;
}

function compound(returns: readonly number[]): number[] {
  const values = [CAPITAL];
  for (const r of returns) values.push((values[values.length - 1] as number) * (1 + r));
  return values;
}

export interface FixtureOptions {
  readonly returns?: 'total' | 'price';
  readonly config?: Readonly<Record<string, unknown>>;
  /** Drop the equal-weight benchmark (no universe data): its column and metrics become null. */
  readonly withoutEqualWeight?: boolean;
}

export function aBacktestRun(options: FixtureOptions = {}): BacktestRun {
  const random = mulberry32(20_240_101);
  const regimes = SCHEDULE.flatMap(([regime, days]) => Array<Regime | null>(days).fill(regime));
  const dates = weekdays('2021-01-04', regimes.length);
  const market = regimes.map((r) => MARKET[r ?? 'TREND_NEUTRAL']).map((m) => m.drift + m.vol * standardNormal(random));
  const exposures = regimes.map((r) => (r === null ? 0 : EXPOSURE[r]));
  // Returns of day i earned by the exposure held from day i-1's close; stock picking adds a little of its own noise.
  const strategyReturns = market.slice(1).map((r, i) => (exposures[i] as number) * (r + 0.0002 + 0.004 * standardNormal(random)));
  const alwaysBullReturns = market.slice(1).map((r) => r + 0.0002 + 0.004 * standardNormal(random));
  const equalWeightReturns = market.slice(1).map((r) => 0.9 * r + 0.0001 + 0.005 * standardNormal(random));
  const equity = compound(strategyReturns);
  const spy = compound(market.slice(1));
  const alwaysBull = compound(alwaysBullReturns);
  const equalWeight = compound(equalWeightReturns);

  const points: EquityPoint[] = dates.map((date, i) => {
    const exposure = exposures[i] as number;
    const value = equity[i] as number;
    return {
      date,
      equity: value,
      cash: value * (1 - exposure),
      invested: value * exposure,
      exposure,
      regime: regimes[i] as Regime | null,
      spy: spy[i] as number,
      alwaysBull: alwaysBull[i] as number,
      equalWeight: options.withoutEqualWeight === true ? null : (equalWeight[i] as number),
    };
  });
  const fills = monthlyFills(points);
  const trading = tradingMetrics(points, fills, options.returns === 'price' ? 0 : 0.004);
  const metricsOf = (values: readonly number[], t: TradingMetrics): BacktestMetrics => ({ ...returnMetrics(dates, values), ...t });
  const buyAndHold: TradingMetrics = { turnoverPerYear: 0, orders: 1, costs: 5, dividends: 0, avgExposure: 1 };
  const spyYears = new Map(yearlyReturns(dates, spy).map((y) => [y.year, y.return]));
  const regimeDays = Object.fromEntries(REGIMES.map((r) => [r, regimes.filter((x) => x === r).length])) as Record<Regime, number>;

  return {
    summary: {
      from: dates[0] as string,
      to: dates[dates.length - 1] as string,
      days: dates.length,
      config: options.config ?? { universe: 'tech-10', capital: CAPITAL, backtest: { fillPrice: 'close', slippageBps: 5, commission: { perShare: 0, minimum: 0 } } },
      dataSource: 'synthetic fixture market (seed 20240101)',
      returns: options.returns ?? 'total',
      notes: [],
      metrics: metricsOf(equity, trading),
      benchmarks: {
        spy: metricsOf(spy, buyAndHold),
        alwaysBull: metricsOf(alwaysBull, { ...trading, avgExposure: 1 }),
        equalWeight: options.withoutEqualWeight === true ? null : metricsOf(equalWeight, { ...buyAndHold, orders: 10 }),
      },
      regimeDays,
      years: yearlyReturns(dates, equity).map((y) => ({ ...y, spy: spyYears.get(y.year) ?? null })),
    },
    equity: points,
    fills,
    charts: { drawdown: drawdownSeries(equity), monthly: monthlyReturns(dates, equity), rollingSharpe: rollingSharpe(equity) },
    shortfalls: [],
  };
}

/** On each month's first day: rebalance three holdings to the regime's exposure. */
function monthlyFills(points: readonly EquityPoint[]): FillRow[] {
  const fills: FillRow[] = [];
  points.forEach((p, i) => {
    const previous = points[i - 1];
    if (previous === undefined || previous.date.slice(0, 7) === p.date.slice(0, 7)) return;
    const change = p.invested - previous.invested;
    if (Math.abs(change) < 1) return;
    for (const [symbol, price] of [['AAPL', 150], ['MSFT', 300], ['NVDA', 400]] as const) {
      const qty = Math.max(1, Math.round(Math.abs(change) / 3 / price));
      fills.push({ date: p.date, phase: change < 0 ? 1 : 2, symbol, side: change < 0 ? 'sell' : 'buy', qty, price, cost: qty * price * 0.0005, reason: 'ADJUST', regime: p.regime });
    }
  });
  return fills;
}

function tradingMetrics(points: readonly EquityPoint[], fills: readonly FillRow[], dividendYield: number): TradingMetrics {
  const averageEquity = points.reduce((sum, p) => sum + p.equity, 0) / points.length;
  const years = (points.length - 1) / TRADING_DAYS_PER_YEAR;
  const traded = fills.reduce((sum, f) => sum + f.qty * f.price, 0);
  return {
    turnoverPerYear: traded / 2 / averageEquity / years,
    orders: fills.length,
    costs: fills.reduce((sum, f) => sum + f.cost, 0),
    dividends: points.reduce((sum, p) => sum + (p.invested * dividendYield) / TRADING_DAYS_PER_YEAR, 0),
    avgExposure: points.reduce((sum, p) => sum + p.exposure, 0) / points.length,
  };
}
