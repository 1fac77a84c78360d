/**
 * What a bars fetch reports while it runs. The cache reports its hits, the Alpaca adapter the symbols it has
 * fetched and every HTTP request it sends (retries included); whoever starts the fetch knows the total.
 */
export interface FetchProgress {
  /** `count` more symbols have all their bars. */
  symbolsFetched(count: number): void;
  /** One more HTTP request went out. */
  requestSent(): void;
  /** `count` more symbols were answered from the cache. */
  cacheHits(count: number): void;
}

/** Reports nowhere. */
export const NO_PROGRESS: FetchProgress = {
  symbolsFetched: () => {},
  requestSent: () => {},
  cacheHits: () => {},
};
