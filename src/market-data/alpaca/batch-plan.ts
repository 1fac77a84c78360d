/** How symbols are split into multi-symbol bars requests. */
export interface BatchPolicy {
  /** Bars per page, counted across a request's symbols (Alpaca's maximum is 10000). */
  readonly pageLimit: number;
  /**
   * At most this many batches. Each batch's last page may be partly empty, so a fetch costs at most
   * `maxBatches + ceil(bars / pageLimit)` requests, however wrong the size estimate below turns out.
   */
  readonly maxBatches: number;
  /** Symbols per request; keeps the URL well below the ~8 kB that HTTP servers commonly accept. */
  readonly maxSymbolsPerRequest: number;
}

/** Weekdays from `start` to `end` inclusive (YYYY-MM-DD): an upper bound of the daily bars a symbol can have. */
export function weekdaysBetween(start: string, end: string): number {
  const from = Date.parse(`${start}T00:00:00Z`);
  const to = Date.parse(`${end}T00:00:00Z`);
  if (!(to >= from)) return 0;
  const days = Math.round((to - from) / 86_400_000) + 1;
  const firstWeekday = new Date(from).getUTCDay();
  let weekdays = Math.floor(days / 7) * 5;
  for (let i = 0; i < days % 7; i++) {
    const day = (firstWeekday + i) % 7;
    if (day !== 0 && day !== 6) weekdays++;
  }
  return weekdays;
}

/**
 * Splits symbols into consecutive batches (in the given order) of near-equal size. As many batches as pages are
 * expected, so that every batch is one full page and all of them can be fetched at once, but no more than
 * `maxBatches` (the request budget) and no batch beyond `maxSymbolsPerRequest` (which wins for huge universes).
 */
export function planBatches(symbols: readonly string[], start: string, end: string, policy: BatchPolicy): string[][] {
  if (symbols.length === 0) return [];
  const barsPerSymbol = Math.max(1, weekdaysBetween(start, end));
  const symbolsPerPage = Math.max(1, Math.floor(policy.pageLimit / barsPerSymbol));
  const pages = Math.ceil(symbols.length / symbolsPerPage);
  const bySize = Math.ceil(symbols.length / policy.maxSymbolsPerRequest);
  const count = Math.max(bySize, Math.min(pages, policy.maxBatches));
  const size = Math.ceil(symbols.length / count);
  const batches: string[][] = [];
  for (let i = 0; i < symbols.length; i += size) batches.push(symbols.slice(i, i + size));
  return batches;
}
