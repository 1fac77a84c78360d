import type { Bar } from '../domain/index.js';

/** Index of the first bar dated on or after `date` (bars ascend by date). */
export function firstIndexOnOrAfter(bars: readonly Bar[], date: string): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid] as Bar).date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index just past the last bar dated on or before `date`. */
export function endIndexOnOrBefore(bars: readonly Bar[], date: string): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid] as Bar).date <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Quote {
  /** Close of the latest bar on or before the date. */
  readonly price: number;
  /** Close of the bar before that one (the price itself when there is none). */
  readonly lastdayPrice: number;
}

/** The market as of a date: no bar after it exists. */
export function quoteAsOf(bars: readonly Bar[] | undefined, date: string): Quote | undefined {
  if (!bars) return undefined;
  const end = endIndexOnOrBefore(bars, date);
  const latest = bars[end - 1];
  if (!latest) return undefined;
  return { price: latest.close, lastdayPrice: bars[end - 2]?.close ?? latest.close };
}
