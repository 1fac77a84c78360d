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

// The late drifts were tuned against the demo's seed to land each name in its group; the demo tests re-check the
// spread, so a change of seed or parameters that breaks it fails loudly.
// prettier-ignore
const ROWS: readonly Row[] = [
  // at or near a new 52-week high (momentum >= 0.98)
  ['AVGO', 342.18, 1.4, 0.0011, 0.020, 0.0050, 22_000_000],
  ['AMAT', 225.61, 1.4, 0.0003, 0.020, 0.0060, 7_000_000],
  ['MSFT', 487.12, 0.9, 0.0004, 0.012, 0.0030, 20_000_000],
  ['IBM', 297.44, 0.8, 0.0006, 0.013, 0.0020, 4_500_000],
  ['NVDA', 186.52, 1.6, 0.0012, 0.022, 0.0060, 180_000_000],
  ['GOOGL', 289.45, 1.1, 0.0006, 0.014, 0.0050, 35_000_000],
  // 2-10% below the high, above the 0.90 momentum floor
  ['AMD', 206.02, 1.7, 0.0006, 0.026, 0.0000, 45_000_000],
  ['QCOM', 170.33, 1.2, 0.0002, 0.018, 0.0000, 8_000_000],
  ['TXN', 160.91, 1.0, 0.0001, 0.015, 0.0010, 6_500_000],
  ['PANW', 190.20, 1.1, 0.0005, 0.018, 0.0010, 5_000_000],
  ['CSCO', 77.14, 0.8, 0.0004, 0.011, 0.0020, 18_000_000],
  ['AAPL', 268.24, 1.0, 0.0004, 0.013, 0.0020, 50_000_000],
  ['CRM', 233.54, 1.1, -0.0001, 0.018, -0.0020, 7_000_000],
  ['KLAC', 1151.30, 1.3, 0.0004, 0.018, 0.0050, 1_100_000],
  ['CDNS', 320.66, 1.2, 0.0004, 0.017, 0.0020, 1_800_000],
  ['INTU', 640.18, 1.1, 0.0002, 0.017, -0.0020, 2_000_000],
  ['ADBE', 322.10, 1.0, -0.0002, 0.017, -0.0060, 3_500_000],
  // 10-15% below the high, just under the floor
  ['TSLA', 401.25, 1.8, 0.0006, 0.035, 0.0010, 95_000_000],
  ['ORCL', 220.57, 1.3, 0.0009, 0.024, 0.0000, 20_000_000],
  ['LRCX', 149.80, 1.5, 0.0004, 0.022, 0.0060, 12_000_000],
  ['ACN', 245.36, 0.8, -0.0002, 0.014, -0.0010, 3_000_000],
  ['MU', 207.37, 1.6, 0.0005, 0.025, 0.0050, 25_000_000],
  ['NFLX', 112.40, 1.2, 0.0008, 0.020, 0.0020, 30_000_000],
  // deep losers, 25-40% below the high
  ['FTNT', 80.12, 1.1, 0.0001, 0.020, -0.0010, 6_000_000],
  ['SNPS', 421.05, 1.2, 0.0002, 0.018, -0.0020, 1_300_000],
  ['META', 590.32, 1.3, 0.0007, 0.020, -0.0020, 14_000_000],
  ['MCHP', 55.48, 1.3, 0.0000, 0.020, 0.0000, 9_000_000],
  ['NOW', 820.75, 1.2, 0.0002, 0.020, -0.0030, 1_500_000],
  ['CRWD', 520.33, 1.4, 0.0006, 0.025, 0.0020, 3_500_000],
  // near its high but under $5, so only the minimum-price filter excludes it
  ['INTC', 3.85, 1.2, 0.0000, 0.024, 0.0020, 120_000_000],
  // the reference index
  ['SPY', 662.45, 1.0, 0.0000, 0.002, 0.0020, 75_000_000],
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
