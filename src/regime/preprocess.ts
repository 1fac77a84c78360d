/**
 * Clip-then-standardize fitted on one training window and frozen until the next refit (spec b.4):
 * fitting it on later data would be look-ahead, and z-scored features are what make λ meaningful.
 */
export interface Scaler {
  readonly dims: number;
  /** Per feature: clip bounds mean ± 3·std of the raw window, then mean and std of the clipped window. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

const CLIP_STDS = 3;

/** Fits a scaler on the rows `rows` of a row-major matrix with `dims` columns (population std, ddof 0). */
export function fitScaler(matrix: Float64Array, dims: number, rows: ArrayLike<number>): Scaler {
  const lower = new Float64Array(dims);
  const upper = new Float64Array(dims);
  const mean = new Float64Array(dims);
  const std = new Float64Array(dims);
  for (let p = 0; p < dims; p++) {
    const raw = columnMoments(matrix, dims, rows, p, -Infinity, Infinity);
    lower[p] = raw.mean - CLIP_STDS * raw.std;
    upper[p] = raw.mean + CLIP_STDS * raw.std;
    const clipped = columnMoments(matrix, dims, rows, p, lower[p] as number, upper[p] as number);
    mean[p] = clipped.mean;
    std[p] = clipped.std;
  }
  return { dims, lower, upper, mean, std };
}

/** Standardizes matrix row `row` into out[outOffset..outOffset+dims); a zero-spread feature maps to 0. */
export function standardizeRow(scaler: Scaler, matrix: Float64Array, row: number, out: Float64Array, outOffset: number): void {
  const { dims, lower, upper, mean, std } = scaler;
  for (let p = 0; p < dims; p++) {
    const x = matrix[row * dims + p] as number;
    const y = Math.min(Math.max(x, lower[p] as number), upper[p] as number);
    const s = std[p] as number;
    out[outOffset + p] = s === 0 ? 0 : (y - (mean[p] as number)) / s;
  }
}

/** The standardized training matrix (rows.length × dims), ready for the jump model fit. */
export function standardizeRows(scaler: Scaler, matrix: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * scaler.dims);
  for (let r = 0; r < rows.length; r++) standardizeRow(scaler, matrix, rows[r] as number, out, r * scaler.dims);
  return out;
}

function columnMoments(
  matrix: Float64Array,
  dims: number,
  rows: ArrayLike<number>,
  p: number,
  lo: number,
  hi: number,
): { mean: number; std: number } {
  const count = rows.length;
  let sum = 0;
  for (let r = 0; r < count; r++) sum += Math.min(Math.max(matrix[(rows[r] as number) * dims + p] as number, lo), hi);
  const mean = sum / count;
  // Two-pass variance: the features are small numbers with small spreads, where E[x²]−E[x]² loses digits.
  let squares = 0;
  for (let r = 0; r < count; r++) {
    const d = Math.min(Math.max(matrix[(rows[r] as number) * dims + p] as number, lo), hi) - mean;
    squares += d * d;
  }
  return { mean, std: Math.sqrt(squares / count) };
}
