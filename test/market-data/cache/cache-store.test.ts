import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CachedMarketData, defaultCacheDir } from '../../../src/market-data/cache/index.js';
import { barFilePath } from '../../../src/market-data/cache/cache-store.js';
import { RecordingMarketData } from './recording-market-data.js';

describe('defaultCacheDir', () => {
  it.each<[string, string | undefined, string]>([
    ['$XDG_CACHE_HOME when set', '/var/cache/me', '/var/cache/me/regime-rebalancer'],
    ['~/.cache when $XDG_CACHE_HOME is unset', undefined, '/home/me/.cache/regime-rebalancer'],
    ['~/.cache when $XDG_CACHE_HOME is relative (invalid per the XDG spec)', 'cache', '/home/me/.cache/regime-rebalancer'],
  ])('uses %s', (_name, xdg, expected) => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: xdg }, '/home/me')).toBe(expected);
  });
});

describe('barFilePath', () => {
  it('names one file per adjustment and feed, whatever the symbols', () => {
    expect(barFilePath('/cache', { feed: 'iex', adjustment: 'raw' })).toBe(join('/cache', 'bars', 'raw', 'iex.bars'));
    expect(barFilePath('/cache', { feed: undefined, adjustment: 'split' })).toBe(join('/cache', 'bars', 'split', 'default.bars'));
  });
});

describe('CachedMarketData options', () => {
  it('refuses an incompleteFrom that is not a YYYY-MM-DD day', () => {
    expect(() => new CachedMarketData(new RecordingMarketData(new Map()), { cacheDir: '/tmp/x', incompleteFrom: '2024-3-8' })).toThrow(
      'incompleteFrom must be a day as YYYY-MM-DD, got "2024-3-8"',
    );
  });
});
