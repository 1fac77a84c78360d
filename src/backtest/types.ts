/**
 * The values a backtest produces, shared by the engine, the metric code, the files it writes and the HTML report.
 * Money in dollars, returns and weights as fractions (0.05 = 5%), dates YYYY-MM-DD (New York trading days).
 */
import type { Regime } from '../domain/index.js';

/** Performance of one equity curve. Null where the figure is undefined (a flat curve has no Sharpe). */
export interface ReturnMetrics {
  readonly cagr: number | null;
  /** Annualised standard deviation of daily returns. */
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** Worst fall from a running peak, a negative fraction (0 when the curve never fell). */
  readonly maxDrawdown: number;
  readonly maxDrawdownPeak: string | null;
  readonly maxDrawdownTrough: string | null;
  /** First day the curve was back at the peak's value; null when it never recovered within the span. */
  readonly recovery: string | null;
  readonly calmar: number | null;
  readonly bestMonth: MonthReturn | null;
  readonly worstMonth: MonthReturn | null;
}

/** What trading cost and earned: from the fills and holdings, not the curve. */
export interface TradingMetrics {
  /** Σ|traded value| / 2 / average equity, per year: selling everything and buying it back once a year is 1. */
  readonly turnoverPerYear: number;
  readonly orders: number;
  /** Slippage plus commissions, dollars. */
  readonly costs: number;
  readonly dividends: number;
  /** Mean of invested / equity over the days. */
  readonly avgExposure: number;
}

export type BacktestMetrics = ReturnMetrics & TradingMetrics;

export interface MonthReturn {
  /** YYYY-MM */
  readonly month: string;
  readonly return: number;
}

export interface YearReturn {
  readonly year: number;
  readonly return: number;
  /** SPY buy-and-hold's return in the same year; null without SPY data. */
  readonly spy: number | null;
}

/** One simulated day after its close. Benchmark columns are equity in dollars from the same capital; null: not available. */
export interface EquityPoint {
  readonly date: string;
  readonly equity: number;
  readonly cash: number;
  readonly invested: number;
  /** invested / equity */
  readonly exposure: number;
  /** The regime the day's run used; null before the detector has one (or with --regime, the forced one). */
  readonly regime: Regime | null;
  readonly spy: number | null;
  readonly alwaysBull: number | null;
  readonly equalWeight: number | null;
}

/** One fill (orders.csv). */
export interface FillRow {
  readonly date: string;
  readonly phase: 1 | 2;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  /** Execution price, slippage included. */
  readonly price: number;
  /** Slippage plus commission of this fill, dollars. */
  readonly cost: number;
  /** OPEN / CLOSE / ADJUST: why the plan ordered it. */
  readonly reason: string;
  readonly regime: Regime | null;
}

export interface BenchmarkSet {
  readonly spy: BacktestMetrics | null;
  readonly alwaysBull: BacktestMetrics | null;
  readonly equalWeight: BacktestMetrics | null;
}

/** summary.json */
export interface BacktestSummary {
  readonly from: string;
  readonly to: string;
  /** Simulated trading days. */
  readonly days: number;
  /** The settings the run used (config after flags), for the record. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Where the bars came from, in words (a folder, a scenario, Alpaca). */
  readonly dataSource: string;
  /** "total" when dividends were credited (adj_close data), else "price" (price return only). */
  readonly returns: 'total' | 'price';
  readonly metrics: BacktestMetrics;
  readonly benchmarks: BenchmarkSet;
  readonly regimeDays: Readonly<Record<Regime, number>>;
  readonly years: readonly YearReturn[];
  /** What a reader must know about the run (the data ending before --to). */
  readonly notes: readonly string[];
}

/** Series the report draws, aligned with the equity points unless said otherwise. */
export interface BacktestCharts {
  /** Strategy drawdown from its running peak per day (≤ 0). */
  readonly drawdown: readonly number[];
  readonly monthly: readonly MonthReturn[];
  /** Trailing 252-day Sharpe per day; null before a full window. */
  readonly rollingSharpe: readonly (number | null)[];
}

/** Everything one backtest produced: what the files and the report are written from. */
export interface BacktestRun {
  readonly summary: BacktestSummary;
  readonly equity: readonly EquityPoint[];
  readonly fills: readonly FillRow[];
  readonly charts: BacktestCharts;
  /** Days whose run could not do everything it planned (an order refused, a gate failed), with the reason. */
  readonly shortfalls: readonly { readonly date: string; readonly reason: string }[];
}
