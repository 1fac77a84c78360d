import { describe, expect, it } from 'vitest';
import { BrokerError } from '../../../src/broker/port.js';
import type { Bar } from '../../../src/domain/index.js';
import { faultsSchema } from '../../../src/exchange/faults/config.js';
import { AlpacaMarketData, completedSymbols } from '../../../src/market-data/alpaca/alpaca-market-data.js';
import { FeedNotPermittedError } from '../../../src/market-data/port.js';
import { RateLimiter, sharedRateLimiter } from '../../../src/market-data/alpaca/rate-limiter.js';
import { aScenario, HISTORY, useLocalExchange } from '../../broker/alpaca/local-exchange.js';
import { recordingProgress } from '../progress/recording-progress.js';

const inWindow = (bars: readonly Bar[], start: string, end: string): Bar[] =>
  bars.filter((b) => b.date >= start && b.date <= end);

/** A fetch that passes everything on and notes when each request went out and how it was answered. */
function timedFetch() {
  const seen: { url: URL; sentAt: number; status: number; retryAfter: string | null }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const sentAt = Date.now();
    const response = await fetch(input, init);
    seen.push({ url: new URL(String(input)), sentAt, status: response.status, retryAfter: response.headers.get('Retry-After') });
    return response;
  };
  return { fetchImpl, seen };
}

const FULL_RANGE = { symbols: ['AAPL', 'MSFT', 'XOM', 'GE'], start: '2024-02-26', end: '2024-03-15', adjustment: 'split' } as const;

describe('AlpacaMarketData against the local exchange', () => {
  const local = useLocalExchange();

  it('collects every bar of 3 symbols across 5 pages in 2 batches, inclusive of start and end', async () => {
    const exchange = await local.start();
    const { fetchImpl, seen } = timedFetch();
    // 8 bars a page and at most 2 batches: AAPL+MSFT (20 bars) take 3 pages, XOM (10 bars) takes 2.
    const data = new AlpacaMarketData(local.clientFor(exchange, { fetchImpl }), { pageLimit: 8, maxBatches: 2 });
    const result = await data.getDailyBars({
      symbols: ['XOM', 'AAPL', 'MSFT'],
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
    expect(seen).toHaveLength(5);
    const first = seen.find((r) => r.url.searchParams.get('symbols') === 'AAPL,MSFT' && !r.url.searchParams.has('page_token'));
    expect(Object.fromEntries(first?.url.searchParams ?? [])).toEqual({
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
    expect(seen.filter((r) => r.url.searchParams.has('page_token'))).toHaveLength(3);
  });

  it('never asks for bars ending within 15 minutes of the broker\'s time, which a plan without real-time SIP refuses', async () => {
    // 00:05 in New York on Friday 03-15: Friday's bar would be stamped 00:00, five minutes ago.
    const brokerTime = '2024-03-15T04:05:00Z';
    const exchange = await local.start(aScenario({ clock: new Date(brokerTime), marketData: { sipForbidden: 'recent' } }));
    const { fetchImpl, seen } = timedFetch();
    const data = new AlpacaMarketData(local.clientFor(exchange, { fetchImpl }));
    const result = await data.getDailyBars({ symbols: ['AAPL'], start: '2024-03-11', end: '2024-03-15', adjustment: 'split', feed: 'sip', brokerTime });
    expect(result.bars.get('AAPL')?.map((b) => b.date)).toEqual(['2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14']);
    expect(seen.map((r) => [r.status, r.url.searchParams.get('end')])).toEqual([[200, '2024-03-15T03:50:00.000Z']]);

    // Without brokerTime the adapter's own clock bounds it the same way.
    const clocked = new AlpacaMarketData(local.clientFor(exchange), { now: () => new Date(brokerTime) });
    const again = await clocked.getDailyBars({ symbols: ['AAPL'], start: '2024-03-11', end: '2024-03-15', adjustment: 'split', feed: 'sip' });
    expect(again.bars.get('AAPL')).toEqual(result.bars.get('AAPL'));
  });

  it('asks nothing when no wanted day is 15 minutes old yet', async () => {
    const brokerTime = '2024-03-15T04:05:00Z';
    const exchange = await local.start(aScenario({ clock: new Date(brokerTime) }));
    const { fetchImpl, seen } = timedFetch();
    const result = await new AlpacaMarketData(local.clientFor(exchange, { fetchImpl })).getDailyBars({ symbols: ['AAPL'], start: '2024-03-15', end: '2024-03-15', adjustment: 'split', feed: 'sip', brokerTime });
    expect(result).toEqual({ bars: new Map(), requests: 0 });
    expect(seen).toEqual([]);
  });

  it('fails with FeedNotPermittedError (403, the feed named) when the plan refuses SIP, and keeps iex working', async () => {
    const exchange = await local.start(aScenario({ marketData: { sipForbidden: true } }));
    const data = new AlpacaMarketData(local.clientFor(exchange));
    const failure = await data.getDailyBars({ ...FULL_RANGE, feed: 'sip' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FeedNotPermittedError);
    expect(failure).toMatchObject({ feed: 'sip', status: 403, kind: 'rejected' });
    expect((failure as Error).message).toContain('subscription does not permit querying recent SIP data');
    const iex = await data.getDailyBars({ ...FULL_RANGE, feed: 'iex' });
    expect(iex.bars.get('GE')).toEqual(inWindow(HISTORY.GE, FULL_RANGE.start, FULL_RANGE.end));
  });

  it('needs one request for 4 symbols with the default page size', async () => {
    const client = local.clientFor(await local.start());
    const result = await new AlpacaMarketData(client).getDailyBars({ ...FULL_RANGE, adjustment: 'all' });
    expect(result.requests).toBe(1);
    expect(result.bars.get('GE')).toEqual(HISTORY.GE);
  });

  it('leaves out symbols without bars and counts requests per call', async () => {
    const client = local.clientFor(await local.start());
    const data = new AlpacaMarketData(client, { pageLimit: 7, maxBatches: 1 });
    const result = await data.getDailyBars({ symbols: ['NOPE', 'AAPL'], start: '2024-03-11', end: '2024-03-15', adjustment: 'raw' });
    expect([...result.bars.keys()]).toEqual(['AAPL']);
    expect(result.bars.get('AAPL')?.map((b) => b.date)).toEqual(['2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15']);
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
    const result = await new AlpacaMarketData(client).getDailyBars({ symbols: ['AAPL'], start: '2024-03-15', end: '2024-03-15', adjustment: 'split' });
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

  it('reports every symbol and every request, the SDK retries of failed GETs included', async () => {
    const faults = faultsSchema.parse({ errorRate: 0.5, seed: 7 });
    const exchange = await local.start(aScenario({ faults }));
    const { fetchImpl, seen } = timedFetch();
    const client = local.clientFor(exchange, { fetchImpl, retry: { maxRetries: 8, retryDelayMs: 1, maxDelayMs: 5 } });
    const { progress, counts } = recordingProgress();
    const result = await new AlpacaMarketData(client, { pageLimit: 8, maxBatches: 2, progress }).getDailyBars(FULL_RANGE);
    for (const symbol of FULL_RANGE.symbols) expect(result.bars.get(symbol)).toEqual(HISTORY[symbol]);
    expect(seen.some((r) => r.status === 500)).toBe(true);
    expect(result.requests).toBe(seen.length);
    expect(counts.requests).toBe(seen.length);
    expect(counts.symbols).toBe(4);
  });
});

describe('AlpacaMarketData under a rate limit', () => {
  const local = useLocalExchange();
  const authHeaders = { 'APCA-API-KEY-ID': 'another-process', 'APCA-API-SECRET-KEY': 'same-account' };

  it('waits out a 429 until the window resets, then repeats the GET', async () => {
    const faults = faultsSchema.parse({ rateLimitPerMinute: 3, rateLimitWindowMs: 1_500 });
    const exchange = await local.start(aScenario({ faults }));
    // Another program on the same account uses up the window without this process knowing.
    for (let i = 0; i < 3; i++) expect((await fetch(`${exchange.baseUrl}/v2/clock`, { headers: authHeaders })).status).toBe(200);
    const { fetchImpl, seen } = timedFetch();
    const pauses: number[] = [];
    const data = new AlpacaMarketData(local.clientFor(exchange, { fetchImpl }), { maxBatches: 4, onRateLimitPause: (ms) => pauses.push(ms) });
    const result = await data.getDailyBars(FULL_RANGE);
    expect(result.bars.get('MSFT')).toEqual(HISTORY.MSFT);
    expect(seen.map((r) => r.status)).toEqual([429, 200]);
    expect(result.requests).toBe(2);
    const [refused, repeated] = seen as [(typeof seen)[0], (typeof seen)[0]];
    expect(repeated.sentAt - refused.sentAt).toBeGreaterThanOrEqual(Number(refused.retryAfter) * 1000 - 20);
    // Told once, with about the wait the server asked for.
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThan(Number(refused.retryAfter) * 1000 - 100);
  });

  it('holds back when the server says the window is used up, and gets no 429', async () => {
    const faults = faultsSchema.parse({ rateLimitPerMinute: 2, rateLimitWindowMs: 1_000 });
    const exchange = await local.start(aScenario({ faults }));
    const { fetchImpl, seen } = timedFetch();
    // 60 bars, 15 a page, one request at a time: 4 pages, the window allows 2 of them.
    const data = new AlpacaMarketData(local.clientFor(exchange, { fetchImpl }), { pageLimit: 15, maxBatches: 1 });
    const result = await data.getDailyBars(FULL_RANGE);
    for (const symbol of FULL_RANGE.symbols) expect(result.bars.get(symbol)).toEqual(HISTORY[symbol]);
    expect(seen.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('fails as retryable after as many 429s as it may wait out', async () => {
    const faults = faultsSchema.parse({ rateLimitPerMinute: 1, rateLimitWindowMs: 60_000 });
    const exchange = await local.start(aScenario({ faults }));
    const { fetchImpl, seen } = timedFetch();
    // A short longest pause, so the test need not wait a minute for each retry.
    const data = new AlpacaMarketData(local.clientFor(exchange, { fetchImpl }), {
      pageLimit: 15,
      maxBatches: 1,
      maxRateLimitWaits: 2,
      rateLimiter: new RateLimiter({ maxPauseMs: 20 }),
    });
    const failure = await data.getDailyBars(FULL_RANGE).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BrokerError);
    expect((failure as BrokerError).kind).toBe('retryable');
    expect((failure as BrokerError).message).toContain('HTTP 429');
    expect(seen.map((r) => r.status)).toEqual([200, 429, 429, 429]);
  });

  it('waits for the limiter the whole process shares for its data host', async () => {
    const exchange = await local.start();
    const { fetchImpl, seen } = timedFetch();
    const pausedAt = Date.now();
    sharedRateLimiter(exchange.baseUrl).pauseFor(400);
    await new AlpacaMarketData(local.clientFor(exchange, { fetchImpl })).getDailyBars(FULL_RANGE);
    expect(seen[0]?.sentAt ?? 0).toBeGreaterThanOrEqual(pausedAt + 400 - 5);
  });
});

describe('completedSymbols', () => {
  const page = (symbols: string[], nextPageToken?: string) => ({
    bars: Object.fromEntries(symbols.map((s) => [s, [] as Bar[]])),
    nextPageToken,
  });

  it.each([
    ['the last page completes the batch', page(['C']), 4],
    ['a continued page completes the symbols before its last', page(['A', 'B', 'C'], 't'), 2],
    ['a page with one continued symbol completes those before it', page(['C'], 't'), 2],
    ['an empty continued page completes nothing', page([], 't'), 0],
  ])('%s', (_name, p, expected) => {
    expect(completedSymbols(['A', 'B', 'C', 'D'], p)).toBe(expected);
  });
});
