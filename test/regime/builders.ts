/** Hand-built price and VIX series for the regime tests. */
import { mulberry32, standardNormal } from '../../src/random/prng.js';
import type { DailyClose } from '../../src/regime/detector.js';

/** `count` consecutive weekdays from `start` (YYYY-MM-DD), as ISO dates. */
export function weekdays(count: number, start = '2001-01-01'): string[] {
  const out: string[] = [];
  const day = new Date(`${start}T00:00:00Z`);
  while (out.length < count) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}

/** Gaussian-ish daily returns (mean, std), reproducible from a seed. */
export function noisyReturns(count: number, mean: number, std: number, seed: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => mean + std * standardNormal(random));
}

/** Compounds returns from a starting price into closes on consecutive weekdays. */
export function closesFromReturns(returns: readonly number[], start = 100, firstDate = '2001-01-01'): DailyClose[] {
  const dates = weekdays(returns.length + 1, firstDate);
  const out: DailyClose[] = [{ date: dates[0] as string, close: start }];
  let price = start;
  returns.forEach((r, i) => {
    price *= 1 + r;
    out.push({ date: dates[i + 1] as string, close: price });
  });
  return out;
}

/**
 * A quiet market long enough for the default detector to have a jump model (≥ 1000 usable rows after the
 * 252-row warm-up, then a refit): drift +0.04%/day, 0.8% daily volatility, followed by `tail` returns.
 */
export function calmMarketThen(tail: readonly number[], calmDays = 1500, seed = 7): DailyClose[] {
  return closesFromReturns([...noisyReturns(calmDays, 0.0004, 0.008, seed), ...tail]);
}

/** A VIX map at `base` on every date, with the given overrides from the end of the series backwards. */
export function vixWithTail(series: readonly DailyClose[], tail: readonly (number | null)[], base = 15): Map<string, number> {
  const map = new Map<string, number>();
  const offset = series.length - tail.length;
  series.forEach((day, i) => {
    const value = i >= offset ? tail[i - offset] : base;
    if (value !== null && value !== undefined) map.set(day.date, value);
  });
  return map;
}
