export { CachedMarketData, type CacheEvent, type CachedMarketDataOptions } from './cached-market-data.js';
export { clearCache, defaultCacheDir } from './cache-store.js';
