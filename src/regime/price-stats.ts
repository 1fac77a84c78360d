/** Trailing price statistics for the classifier (spec b.5); each entry uses closes up to and including its day. */

/** Simple mean of the last `window` closes; NaN until `window` closes exist. */
export function simpleMovingAverage(closes: Float64Array, window: number): Float64Array {
  const out = new Float64Array(closes.length).fill(Number.NaN);
  for (let i = window - 1; i < closes.length; i++) {
    // Summed afresh per day rather than as a running sum, so no rounding drift builds up over decades.
    let sum = 0;
    for (let j = i - window + 1; j <= i; j++) sum += closes[j] as number;
    out[i] = sum / window;
  }
  return out;
}

/** close_i / close_{i−days} − 1; NaN for the first `days` entries. */
export function trailingReturn(closes: Float64Array, days: number): Float64Array {
  const out = new Float64Array(closes.length).fill(Number.NaN);
  for (let i = days; i < closes.length; i++) out[i] = (closes[i] as number) / (closes[i - days] as number) - 1;
  return out;
}

/**
 * close_i / max(last `window` closes, today included) − 1 (≤ 0). With fewer closes than `window` the
 * maximum runs over the history there is: the classifier reports UNKNOWN that early anyway.
 */
export function drawdownFromHigh(closes: Float64Array, window: number): Float64Array {
  const out = new Float64Array(closes.length);
  for (let i = 0; i < closes.length; i++) {
    let high = -Infinity;
    for (let j = Math.max(0, i - window + 1); j <= i; j++) high = Math.max(high, closes[j] as number);
    out[i] = (closes[i] as number) / high - 1;
  }
  return out;
}
