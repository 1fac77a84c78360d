import type { Bar, BarsBySymbol } from '../domain/index.js';
import type { BarsQuery } from './bars-query.js';
import { encodePageToken } from './bars-query.js';
import { dailyBarTimestamp } from './dates.js';
import { endIndexOnOrBefore, firstIndexOnOrAfter } from './market.js';

export interface BarsPage {
  /** Symbols in order, each with at least one bar; symbols without bars in range are absent. */
  readonly bars: ReadonlyMap<string, readonly Bar[]>;
  readonly nextPageToken: string | null;
}

/**
 * One page of a bars query: symbol by symbol, `limit` bars in total across symbols.
 * Binary search finds each symbol's date window, so the cost is the page size, not the history size.
 */
export function selectBarsPage(data: BarsBySymbol, q: BarsQuery): BarsPage {
  const page = new Map<string, readonly Bar[]>();
  let remaining = q.limit;
  let last: { symbol: string; date: string } | undefined;
  for (const symbol of q.symbols) {
    if (q.after && symbol < q.after.symbol) continue;
    const history = data.get(symbol);
    if (!history) continue;
    let lo = firstIndexOnOrAfter(history, q.startDate);
    let hi = endIndexOnOrBefore(history, q.endDate);
    if (q.after && symbol === q.after.symbol) {
      if (q.sort === 'asc') lo = Math.max(lo, endIndexOnOrBefore(history, q.after.date));
      else hi = Math.min(hi, firstIndexOnOrAfter(history, q.after.date));
    }
    const available = hi - lo;
    if (available <= 0) continue;
    // The page is full and this symbol still has bars: that is exactly when a next page exists.
    if (remaining === 0) return { bars: page, nextPageToken: tokenAfter(last) };
    const take = Math.min(available, remaining);
    const chosen = q.sort === 'asc' ? history.slice(lo, lo + take) : history.slice(hi - take, hi).reverse();
    page.set(symbol, chosen);
    remaining -= take;
    last = { symbol, date: (chosen[chosen.length - 1] as Bar).date };
    if (take < available) return { bars: page, nextPageToken: tokenAfter(last) };
  }
  return { bars: page, nextPageToken: null };
}

function tokenAfter(last: { symbol: string; date: string } | undefined): string | null {
  return last ? encodePageToken(last.symbol, dailyBarTimestamp(last.date)) : null;
}
