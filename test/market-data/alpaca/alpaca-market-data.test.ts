import { describe, expect, it } from 'vitest';
import { BrokerError } from '../../../src/broker/port.js';
import type { Bar } from '../../../src/domain/index.js';
import { AlpacaMarketData, chunk } from '../../../src/market-data/alpaca/alpaca-market-data.js';
import { aScenario, HISTORY, useLocalExchange } from '../../broker/alpaca/local-exchange.js';

const inWindow = (bars: readonly Bar[], start: string, end: string): Bar[] =>
  bars.filter((b) => b.date >= start && b.date <= end);

describe('AlpacaMarketData against the local exchange', () => {
  const local = useLocalExchange();

  it('collects every bar of 3 symbols across 5 pages in 2 batches, inclusive of start and end', async () => {
    const exchange = await local.start();
    const urls: URL[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(new URL(String(input)));
      return fetch(input, init);
    };
    // 8 bars a page, 2 symbols a batch: AAPL+MSFT (20 bars) take 3 pages, XOM (10 bars) takes 2.
    // Without batching the 30 bars would take 4 pages.
    const data = new AlpacaMarketData(local.clientFor(exchange, { fetchImpl: recording }), { pageLimit: 8, batchSize: 2 });
    const result = await data.getDailyBars({
      symbols: ['AAPL', 'MSFT', 'XOM'],
      start: '2024-03-01',
      end: '2024-03-14',
      adjustment: 'split',
      feed: 'sip',
    });
    expect([...result.bars.keys()].sort()).toEqual(['AAPL', 'MSFT', 'XOM']);
    for (const symbol of ['AAPL', 'MSFT', 'XOM'] as const) {
      const expected = inWindow(HISTORY[symbol], '2024-03-01', '2024-03-14');
      expect(expected).toHaveLength(10);
      expect(result.bars.get(symbol)).toEqual(expected);
    }
    expect(result.requests).toBe(5);
    expect(urls).toHaveLength(5);
    expect(Object.fromEntries(urls[0]?.searchParams ?? [])).toEqual({
      symbols: 'AAPL,MSFT',
      timeframe: '1Day',
      // Midnight in New York (EST on 03-01, EDT from 03-10), the instants Alpaca stamps daily bars with.
      start: '2024-03-01T05:00:00.000Z',
      end: '2024-03-14T04:00:00.000Z',
      limit: '8',
      adjustment: 'split',
      feed: 'sip',
      sort: 'asc',
    });
    expect(urls.filter((u) => u.searchParams.has('page_token'))).toHaveLength(3);
  });

  it('needs one request per batch with the default page size', async () => {
    const client = local.clientFor(await local.start());
    const result = await new AlpacaMarketData(client).getDailyBars({
      symbols: ['AAPL', 'MSFT', 'XOM', 'GE'],
      start: '2024-02-26',
      end: '2024-03-15',
      adjustment: 'all',
    });
    expect(result.requests).toBe(1);
    expect(result.bars.get('GE')).toEqual(HISTORY.GE);
  });

  it('leaves out symbols without bars and counts requests per call', async () => {
    const client = local.clientFor(await local.start());
    const data = new AlpacaMarketData(client, { pageLimit: 7 });
    const result = await data.getDailyBars({ symbols: ['NOPE', 'AAPL'], start: '2024-03-11', end: '2024-03-15', adjustment: 'raw' });
    expect([...result.bars.keys()]).toEqual(['AAPL']);
    expect(result.bars.get('AAPL')?.map((b) => b.date)).toEqual([
      '2024-03-11',
      '2024-03-12',
      '2024-03-13',
      '2024-03-14',
      '2024-03-15',
    ]);
    expect(result.requests).toBe(1);
    // A second call starts its own count.
    const again = await data.getDailyBars({ symbols: ['XOM'], start: '2024-03-11', end: '2024-03-15', adjustment: 'raw' });
    expect(again.requests).toBe(1);
  });

  it('sends bars requests to the data host and trading requests to the trading host', async () => {
    const trading = await local.start();
    const dataHost = await local.start();
    const seen: string[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const client = local.clientFor(trading, { dataBaseUrl: dataHost.baseUrl, fetchImpl: recording });
    await client.sdk.trading.account.getAccount();
    const result = await new AlpacaMarketData(client).getDailyBars({
      symbols: ['AAPL'],
      start: '2024-03-15',
      end: '2024-03-15',
      adjustment: 'split',
    });
    expect(result.bars.get('AAPL')).toHaveLength(1);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(`${trading.baseUrl}/v2/account`);
    expect(seen[1]?.startsWith(`${dataHost.baseUrl}/v2/stocks/bars?`)).toBe(true);
    expect(seen.join(' ')).not.toContain('alpaca.markets');
  });

  it('fails with kind auth and without the secret when the data keys are wrong', async () => {
    const exchange = await local.start(aScenario({ keys: { keyId: 'right-key-id', secretKey: 'right-secret-value' } }));
    const client = local.clientFor(exchange, { keyId: 'wrong-key-id', secretKey: 'wrong-secret-value' });
    const failure = await new AlpacaMarketData(client)
      .getDailyBars({ symbols: ['AAPL'], start: '2024-03-01', end: '2024-03-15', adjustment: 'split' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BrokerError);
    expect((failure as BrokerError).kind).toBe('auth');
    expect((failure as BrokerError).message).toContain('APCA_API_KEY_ID');
    expect((failure as BrokerError).message).not.toContain('wrong-secret-value');
  });
});

describe('chunk', () => {
  it('splits 5 symbols into batches of 2, 2 and 1 in order', () => {
    expect(chunk(['A', 'B', 'C', 'D', 'E'], 2)).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
  });
});
