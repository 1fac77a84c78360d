/**
 * The demo market's cast: per-symbol walk parameters chosen so that, on the clock's date, the 52-week-high scanner
 * sees a spread: leaders at new highs, names 2-15% below, deep losers under the 0.90 momentum floor, and one stock
 * under $5. Prices are synthetic and only loosely shaped like the real names.
 */
import type { WalkProfile } from './random-walk.js';

export interface SymbolProfile extends WalkProfile {
  readonly symbol: string;
}

/** Days of the final "late" phase that sets each name's distance from its high. */
const LATE_DAYS = 63;

type Row = readonly [symbol: string, lastClose: number, beta: number, drift: number, vol: number, late: number, volume: number];

// prettier-ignore
const ROWS: readonly Row[] = [
  // leaders: strong late drift, ending at or near a new 52-week high
  ['NVDA', 186.52, 1.6, 0.0012, 0.022, 0.0040, 180_000_000],
  ['AVGO', 342.18, 1.4, 0.0011, 0.020, 0.0035, 22_000_000],
  ['GOOGL', 289.45, 1.1, 0.0006, 0.014, 0.0030, 35_000_000],
  ['AMD', 206.02, 1.7, 0.0006, 0.026, 0.0045, 45_000_000],
  ['MU', 207.37, 1.6, 0.0005, 0.025, 0.0050, 25_000_000],
  ['LRCX', 149.80, 1.5, 0.0004, 0.022, 0.0040, 12_000_000],
  ['AMAT', 225.61, 1.4, 0.0003, 0.020, 0.0035, 7_000_000],
  ['KLAC', 1151.30, 1.3, 0.0004, 0.018, 0.0030, 1_100_000],
  // middle: up-trending but a few percent off the high
  ['AAPL', 268.24, 1.0, 0.0004, 0.013, 0.0010, 50_000_000],
  ['MSFT', 487.12, 0.9, 0.0004, 0.012, 0.0000, 20_000_000],
  ['META', 590.32, 1.3, 0.0007, 0.020, -0.0008, 14_000_000],
  ['TSLA', 401.25, 1.8, 0.0006, 0.035, 0.0010, 95_000_000],
  ['CSCO', 77.14, 0.8, 0.0004, 0.011, 0.0012, 18_000_000],
  ['IBM', 297.44, 0.8, 0.0006, 0.013, 0.0005, 4_500_000],
  ['QCOM', 170.33, 1.2, 0.0002, 0.018, 0.0008, 8_000_000],
  ['TXN', 160.91, 1.0, 0.0001, 0.015, -0.0005, 6_500_000],
  ['NFLX', 112.40, 1.2, 0.0008, 0.020, -0.0010, 30_000_000],
  ['ORCL', 220.57, 1.3, 0.0009, 0.024, -0.0020, 20_000_000],
  ['CDNS', 320.66, 1.2, 0.0004, 0.017, -0.0010, 1_800_000],
  ['SNPS', 421.05, 1.2, 0.0002, 0.018, -0.0015, 1_300_000],
  ['PANW', 190.20, 1.1, 0.0005, 0.018, -0.0010, 5_000_000],
  ['MCHP', 55.48, 1.3, 0.0000, 0.020, -0.0012, 9_000_000],
  // deep losers: well under 0.90 of their high, excluded by the momentum floor
  ['ADBE', 322.10, 1.0, -0.0002, 0.017, -0.0045, 3_500_000],
  ['NOW', 820.75, 1.2, 0.0002, 0.020, -0.0050, 1_500_000],
  ['INTU', 640.18, 1.1, 0.0002, 0.017, -0.0030, 2_000_000],
  ['ACN', 245.36, 0.8, -0.0002, 0.014, -0.0030, 3_000_000],
  ['CRM', 233.54, 1.1, -0.0001, 0.018, -0.0040, 7_000_000],
  ['FTNT', 80.12, 1.1, 0.0001, 0.020, -0.0045, 6_000_000],
  ['CRWD', 520.33, 1.4, 0.0006, 0.025, -0.0035, 3_500_000],
  // under $5: near its high, so only the minimum-price filter excludes it
  ['INTC', 3.85, 1.2, 0.0000, 0.024, 0.0030, 120_000_000],
  // the reference index
  ['SPY', 662.45, 1.0, 0.0000, 0.002, 0.0000, 75_000_000],
];

export const SYMBOL_PROFILES: readonly SymbolProfile[] = ROWS.map(
  ([symbol, lastClose, beta, drift, vol, late, volume]) => ({
    symbol,
    lastClose,
    beta,
    drift,
    vol,
    late,
    lateDays: LATE_DAYS,
    volume,
  }),
);

/**
 * The market's daily drift by day index: a steady bull market, a ~20% drawdown over two months inside the final
 * 52 weeks, a sharp recovery, then a quieter trend into the clock's date.
 */
export function marketDrifts(days: number): number[] {
  const crashStart = days - 196;
  const recoveryStart = crashStart + 40;
  const recoveryEnd = recoveryStart + 80;
  return Array.from({ length: days }, (_, i) => {
    if (i >= crashStart && i < recoveryStart) return -0.0055;
    if (i >= recoveryStart && i < recoveryEnd) return 0.003;
    return 0.0006;
  });
}

export const MARKET_VOL = 0.008;
