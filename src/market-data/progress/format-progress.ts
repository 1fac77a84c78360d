/** Where a bars fetch stands. */
export interface ProgressCounts {
  readonly totalSymbols: number;
  /** Symbols fetched plus symbols answered from the cache. */
  readonly doneSymbols: number;
  readonly requests: number;
  readonly cacheHits: number;
  readonly elapsedMs: number;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** One status line: "market data: 120/505 symbols, 9 requests, 300 cache hits, 1.4 s". */
export function formatProgress(counts: ProgressCounts): string {
  // Retried or re-fetched symbols must not show more done than wanted.
  const done = Math.min(counts.doneSymbols, counts.totalSymbols);
  return [
    `market data: ${done}/${plural(counts.totalSymbols, 'symbol', 'symbols')}`,
    plural(counts.requests, 'request', 'requests'),
    plural(counts.cacheHits, 'cache hit', 'cache hits'),
    `${(counts.elapsedMs / 1000).toFixed(1)} s`,
  ].join(', ');
}
