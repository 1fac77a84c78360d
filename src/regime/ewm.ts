/**
 * Exponentially weighted means with pandas' `adjust=True` weighting: the value at t is
 * Σ (1−α)^i·y_{t−i} / Σ (1−α)^i over every observation so far, so the first values are plain
 * averages rather than being dragged towards the first observation (spec b.2).
 */

/** α for a half-life in observations: the weight halves every `halfLife` steps. */
export function ewmAlpha(halfLife: number): number {
  return 1 - Math.pow(2, -1 / halfLife);
}

/**
 * EWM of `values[from..]` with adjust=true; entries before `from` are NaN.
 * Recursive form num_t = y_t + (1−α)·num_{t−1}, den_t = 1 + (1−α)·den_{t−1}.
 */
export function ewmMean(values: ArrayLike<number>, halfLife: number, from = 0): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const decay = 1 - ewmAlpha(halfLife);
  let numerator = 0;
  let denominator = 0;
  for (let t = from; t < values.length; t++) {
    numerator = (values[t] as number) + decay * numerator;
    denominator = 1 + decay * denominator;
    out[t] = numerator / denominator;
  }
  return out;
}
