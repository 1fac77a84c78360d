import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AlpacaMarketData } from '../../src/market-data/alpaca/alpaca-market-data.js';
import { barFilePath } from '../../src/market-data/cache/cache-store.js';
import { CachedMarketData } from '../../src/market-data/cache/index.js';
import { FeedFallbackMarketData } from '../../src/market-data/feed-fallback.js';
import { MeteredMarketData } from '../../src/market-data/metered.js';
import type { DailyBarsRequest } from '../../src/market-data/port.js';
import { aScenario, HISTORY, useLocalExchange } from '../broker/alpaca/local-exchange.js';
import { useTempDir } from '../support/temp-dir.js';

const REQUEST: DailyBarsRequest = { symbols: ['AAPL', 'MSFT'], start: '2024-02-26', end: '2024-03-15', adjustment: 'split', feed: 'sip' };

describe('FeedFallbackMarketData over AlpacaMarketData and the local exchange', () => {
  const local = useLocalExchange();
  const temp = useTempDir();

  async function start(sipForbidden: boolean) {
    const exchange = await local.start(aScenario({ marketData: { sipForbidden } }));
    const feeds: (string | null)[] = [];
    const recording: typeof fetch = (input, init) => {
      feeds.push(new URL(String(input)).searchParams.get('feed'));
      return fetch(input, init);
    };
    const events: unknown[] = [];
    const alpaca = new AlpacaMarketData(local.clientFor(exchange, { fetchImpl: recording }));
    const cached = new CachedMarketData(alpaca, { cacheDir: temp.path() });
    const data = new MeteredMarketData(new FeedFallbackMarketData(cached, (event) => events.push(event)));
    return { data, feeds, events };
  }

  it('falls back to iex once when sip is refused with 403, says so once, and caches the bars under iex only', async () => {
    const { data, feeds, events } = await start(true);
    const first = await data.getDailyBars(REQUEST);
    expect(first.feed).toBe('iex');
    expect(first.feedFallback).toMatch(/^sip refused, iex used instead: .*subscription does not permit querying recent SIP data/);
    expect(first.bars.get('AAPL')).toEqual(HISTORY.AAPL);
    expect(events).toEqual([{ from: 'sip', to: 'iex', reason: expect.stringContaining('HTTP 403') }]);

    // The rest of the run goes straight to iex: no second refusal, no second warning.
    const second = await data.getDailyBars({ ...REQUEST, symbols: ['XOM'] });
    expect(second.feed).toBe('iex');
    expect(second.bars.get('XOM')).toEqual(HISTORY.XOM);
    expect(feeds).toEqual(['sip', 'iex', 'iex']);
    expect(events).toHaveLength(1);

    expect(existsSync(barFilePath(temp.path(), { feed: 'iex', adjustment: 'split' }))).toBe(true);
    expect(existsSync(barFilePath(temp.path(), { feed: 'sip', adjustment: 'split' }))).toBe(false);
    expect(data.usage()).toMatchObject({ feed: 'iex', feedFallback: first.feedFallback, symbols: 3 });
  });

  it('keeps sip when it is served, and says nothing', async () => {
    const { data, feeds, events } = await start(false);
    const result = await data.getDailyBars(REQUEST);
    expect(result.feed).toBe('sip');
    expect(result.feedFallback).toBeUndefined();
    expect(feeds).toEqual(['sip']);
    expect(events).toEqual([]);
    expect(existsSync(barFilePath(temp.path(), { feed: 'sip', adjustment: 'split' }))).toBe(true);
    expect(data.usage()).toMatchObject({ feed: 'sip' });
    expect(data.usage().feedFallback).toBeUndefined();
  });

  it('passes other failures on instead of falling back', async () => {
    const exchange = await local.start(aScenario({ keys: { keyId: 'right-key-id', secretKey: 'right-secret-value' } }));
    const alpaca = new AlpacaMarketData(local.clientFor(exchange, { keyId: 'wrong-key-id', secretKey: 'wrong-secret-value' }));
    const events: unknown[] = [];
    const failure = await new FeedFallbackMarketData(alpaca, (event) => events.push(event)).getDailyBars(REQUEST).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'auth' });
    expect(events).toEqual([]);
  });
});
