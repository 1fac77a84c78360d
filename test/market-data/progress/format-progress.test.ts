import { describe, expect, it } from 'vitest';
import { formatProgress } from '../../../src/market-data/progress/format-progress.js';

describe('formatProgress', () => {
  it.each([
    [{ totalSymbols: 505, doneSymbols: 120, requests: 9, cacheHits: 0, elapsedMs: 1_430 }, 'market data: 120/505 symbols, 9 requests, 0 cache hits, 1.4 s'],
    [{ totalSymbols: 1, doneSymbols: 1, requests: 1, cacheHits: 1, elapsedMs: 600 }, 'market data: 1/1 symbol, 1 request, 1 cache hit, 0.6 s'],
    // A symbol fetched twice (a retried batch) never shows more done than wanted.
    [{ totalSymbols: 3, doneSymbols: 4, requests: 2, cacheHits: 0, elapsedMs: 2_000 }, 'market data: 3/3 symbols, 2 requests, 0 cache hits, 2.0 s'],
  ])('shows %o as "%s"', (counts, line) => {
    expect(formatProgress(counts)).toBe(line);
  });
});
