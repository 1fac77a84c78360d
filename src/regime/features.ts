import { ewmMean } from './ewm.js';

/** The paper's feature set (Shu, Yu & Mulvey 2024, Table 2): DD10 (raw, not log), Sortino20, Sortino60. */
export const FEATURE_COUNT = 3;
const DD_HALF_LIFE = 10;
const SORTINO_FAST_HALF_LIFE = 20;
const SORTINO_SLOW_HALF_LIFE = 60;

/** Per close index i (0..n−1). Index 0 has no return, so all its values are NaN. */
export interface FeatureSeries {
  readonly length: number;
  /** Close-to-close return ending at i (rf = 0, so this is also the excess return). */
  readonly returns: Float64Array;
  /** EWM downside deviation, half-life 10; defined from i = 1 on, warm-up included (the classifier uses it). */
  readonly dd10: Float64Array;
  /** Row-major n × 3 matrix [dd10, sortino20, sortino60]; rows that are not `usable` hold NaN. */
  readonly matrix: Float64Array;
  /** 1 when row i may feed the jump model: past the warm-up and every Sortino defined (DD > 0). */
  readonly usable: Uint8Array;
}

/** Daily simple returns close_i / close_{i−1} − 1, NaN at index 0. */
export function dailyReturns(closes: ArrayLike<number>): Float64Array {
  const out = new Float64Array(closes.length).fill(Number.NaN);
  for (let i = 1; i < closes.length; i++) out[i] = (closes[i] as number) / (closes[i - 1] as number) - 1;
  return out;
}

/** EWM downside deviation sqrt(EWM(min(x, 0)²)): every day counts, up days as 0. */
export function downsideDeviation(returns: Float64Array, halfLife: number, from: number): Float64Array {
  const squares = new Float64Array(returns.length);
  for (let i = from; i < returns.length; i++) {
    const down = Math.min(returns[i] as number, 0);
    squares[i] = down * down;
  }
  const meanSquares = ewmMean(squares, halfLife, from);
  for (let i = from; i < meanSquares.length; i++) meanSquares[i] = Math.sqrt(meanSquares[i] as number);
  return meanSquares;
}

/** EWM Sortino ratio EWM(x) / DD(x) with one half-life for both; NaN where DD = 0 (undefined). */
export function sortinoRatio(returns: Float64Array, halfLife: number, from: number): Float64Array {
  const mean = ewmMean(returns, halfLife, from);
  const dd = downsideDeviation(returns, halfLife, from);
  const out = new Float64Array(returns.length).fill(Number.NaN);
  for (let i = from; i < returns.length; i++) {
    const d = dd[i] as number;
    if (d > 0) out[i] = (mean[i] as number) / d;
  }
  return out;
}

/**
 * Features from daily closes. The first `warmupRows` feature rows (one per return) are not usable:
 * adjust=true and adjust=false still disagree there, and the reference results drop them (spec b.2).
 */
export function computeFeatures(closes: ArrayLike<number>, warmupRows: number): FeatureSeries {
  const n = closes.length;
  const returns = dailyReturns(closes);
  const dd10 = downsideDeviation(returns, DD_HALF_LIFE, 1);
  const sortino20 = sortinoRatio(returns, SORTINO_FAST_HALF_LIFE, 1);
  const sortino60 = sortinoRatio(returns, SORTINO_SLOW_HALF_LIFE, 1);
  const matrix = new Float64Array(n * FEATURE_COUNT).fill(Number.NaN);
  const usable = new Uint8Array(n);
  // Return row r sits at close index r + 1, so warm-up rows 0..warmupRows−1 are close indices 1..warmupRows.
  for (let i = warmupRows + 1; i < n; i++) {
    const a = dd10[i] as number;
    const b = sortino20[i] as number;
    const c = sortino60[i] as number;
    if (!(a > 0) || !Number.isFinite(b) || !Number.isFinite(c)) continue;
    matrix[i * FEATURE_COUNT] = a;
    matrix[i * FEATURE_COUNT + 1] = b;
    matrix[i * FEATURE_COUNT + 2] = c;
    usable[i] = 1;
  }
  return { length: n, returns, dd10, matrix, usable };
}
