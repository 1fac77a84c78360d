import type { FetchProgress } from '../../../src/market-data/progress/progress.js';

/** A FetchProgress that adds up what it is told. */
export function recordingProgress(): { readonly progress: FetchProgress; readonly counts: { symbols: number; requests: number; cacheHits: number } } {
  const counts = { symbols: 0, requests: 0, cacheHits: 0 };
  return {
    counts,
    progress: {
      symbolsFetched: (count) => {
        counts.symbols += count;
      },
      requestSent: () => {
        counts.requests += 1;
      },
      cacheHits: (count) => {
        counts.cacheHits += count;
      },
    },
  };
}
