import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AlpacaBroker } from '../../../src/broker/alpaca/alpaca-broker.js';
import { createAlpacaClient, LOCAL_EXCHANGE_RETRY, normaliseBaseUrl, rewriteAlpacaUrl } from '../../../src/broker/alpaca/client.js';
import { BrokerError } from '../../../src/broker/port.js';
import { recordedBackoff } from './recorded-backoff.js';

const keys = { keyId: 'key-id-1234', secretKey: 'secret-5678' };

/** A loopback port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('rewriteAlpacaUrl', () => {
  const bases = { trading: 'http://127.0.0.1:4010', data: 'http://127.0.0.1:4020' };
  it.each([
    ['https://paper-api.alpaca.markets/v2/account', 'http://127.0.0.1:4010/v2/account'],
    ['https://api.alpaca.markets/v2/orders?status=open', 'http://127.0.0.1:4010/v2/orders?status=open'],
    ['https://data.alpaca.markets/v2/stocks/bars?symbols=AAPL', 'http://127.0.0.1:4020/v2/stocks/bars?symbols=AAPL'],
    ['https://data.sandbox.alpaca.markets/v2/stocks/bars', 'http://127.0.0.1:4020/v2/stocks/bars'],
    ['https://api.alpaca.markets.evil.example/v2/account', 'https://api.alpaca.markets.evil.example/v2/account'],
    ['https://example.com/v2/account', 'https://example.com/v2/account'],
  ])('rewrites %s to %s', (from, to) => {
    expect(rewriteAlpacaUrl(from, bases)).toBe(to);
  });

  it('leaves the hosts alone when no override is configured', () => {
    expect(rewriteAlpacaUrl('https://paper-api.alpaca.markets/v2/account', {})).toBe(
      'https://paper-api.alpaca.markets/v2/account',
    );
  });
});

describe('normaliseBaseUrl', () => {
  it.each([
    ['https://paper-api.alpaca.markets/v2', 'https://paper-api.alpaca.markets'],
    ['https://paper-api.alpaca.markets/v2/', 'https://paper-api.alpaca.markets'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
  ])('turns %s into %s', (from, to) => {
    expect(normaliseBaseUrl(from)).toBe(to);
  });
});

describe('createAlpacaClient', () => {
  /** The URLs the SDK asked for, answered with a market clock. */
  function recordingFetch(): { fetchImpl: typeof fetch; urls: string[] } {
    const urls: string[] = [];
    const body = JSON.stringify({ timestamp: '2024-03-15T11:00:00-04:00', is_open: true, next_open: '2024-03-18T09:30:00-04:00', next_close: '2024-03-15T16:00:00-04:00' });
    const fetchImpl: typeof fetch = (url) => {
      urls.push(String(url));
      return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }));
    };
    return { fetchImpl, urls };
  }

  it.each([
    [{ venue: 'paper' as const }, 'https://paper-api.alpaca.markets/v2/clock'],
    [{ venue: 'live' as const }, 'https://api.alpaca.markets/v2/clock'],
    [{ venue: 'live' as const, tradingBaseUrl: 'https://api.alpaca.markets:443' }, 'https://api.alpaca.markets:443/v2/clock'],
    [{ venue: 'local' as const, tradingBaseUrl: 'http://127.0.0.1:4010/v2/' }, 'http://127.0.0.1:4010/v2/clock'],
  ])('built for %o, it sends requests to %s', async (target, expected) => {
    const { fetchImpl, urls } = recordingFetch();
    const client = createAlpacaClient({ ...keys, ...target, fetchImpl, retry: false, rateLimit: false });
    expect(client.venue).toBe(target.venue);
    await new AlpacaBroker(client).getClock();
    expect(urls).toEqual([expected]);
  });

  it('refuses to build a local client without the local base URL (a bug, not a user error)', () => {
    expect(() => createAlpacaClient({ ...keys, venue: 'local' })).toThrow(/local exchange/);
  });

  it('points the trade stream at the overridden trading host', () => {
    const client = createAlpacaClient({ ...keys, venue: 'local', tradingBaseUrl: 'http://127.0.0.1:4010/' });
    expect(client.tradeStreamUrl).toBe('ws://127.0.0.1:4010/stream');
    expect(createAlpacaClient({ ...keys, venue: 'paper' }).tradeStreamUrl).toBeUndefined();
  });

  it('redacts both keys from a text', () => {
    const client = createAlpacaClient({ ...keys, venue: 'paper' });
    expect(client.redact('id key-id-1234 secret secret-5678')).toBe('id [redacted] secret [redacted]');
  });

  it('reports an unreachable host as a retryable BrokerError without the keys', async () => {
    const port = await closedPort();
    const client = createAlpacaClient({ ...keys, venue: 'local', tradingBaseUrl: `http://127.0.0.1:${port}`, retry: false });
    const backoff = recordedBackoff();
    const failure = await new AlpacaBroker(client, { backoff }).getClock().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BrokerError);
    // A read is repeated (the adapter's own retries) before the failure is reported.
    expect(backoff.waits).toEqual([100, 200]);
    expect((failure as BrokerError).kind).toBe('retryable');
    expect((failure as BrokerError).message).toMatch(/Could not reach Alpaca while reading the market clock/);
    expect((failure as BrokerError).message).not.toContain(keys.secretKey);
  });

  it('reports a request that outlives timeoutMs as a retryable timeout', async () => {
    // A server that never answers: the request only ends when the SDK aborts it.
    const silent: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const client = createAlpacaClient({ ...keys, venue: 'paper', fetchImpl: silent, timeoutMs: 50, retry: false });
    const backoff = recordedBackoff();
    const failure = await new AlpacaBroker(client, { backoff }).getAccount().catch((e: unknown) => e);
    expect((failure as BrokerError).kind).toBe('retryable');
    expect((failure as BrokerError).message).toContain('timed out');
    // A timed-out read is not repeated: it already waited timeoutMs.
    expect(backoff.waits).toEqual([]);
  });
});

describe('createAlpacaClient retry policy', () => {
  const clockBody = JSON.stringify({
    timestamp: '2024-03-15T11:00:00-04:00',
    is_open: true,
    next_open: '2024-03-18T09:30:00-04:00',
    next_close: '2024-03-15T16:00:00-04:00',
  });
  /** A host that answers 500 to the first `failures` requests, then the clock. */
  function flakyHost(failures: number): typeof fetch {
    let calls = 0;
    return () =>
      Promise.resolve(
        ++calls <= failures
          ? new Response('{"code":50010000,"message":"internal server error"}', { status: 500 })
          : new Response(clockBody, { status: 200, headers: { 'Content-Type': 'application/json' } }),
      );
  }

  it('with LOCAL_EXCHANGE_RETRY, a GET survives four 500s in a row inside the SDK', async () => {
    const client = createAlpacaClient({ ...keys, venue: 'paper', fetchImpl: flakyHost(4), retry: LOCAL_EXCHANGE_RETRY, rateLimit: false });
    const backoff = recordedBackoff();
    const { value, requests } = await client.countRequests(() => new AlpacaBroker(client, { backoff }).getClock());
    expect(value.isOpen).toBe(true);
    expect(requests).toBe(5);
    expect(backoff.waits).toEqual([]);
  });

  it('with retry off, the adapter still repeats a failed GET itself', async () => {
    const client = createAlpacaClient({ ...keys, venue: 'paper', fetchImpl: flakyHost(2), retry: false, rateLimit: false });
    const backoff = recordedBackoff();
    const { requests } = await client.countRequests(() => new AlpacaBroker(client, { backoff }).getClock());
    expect(requests).toBe(3);
    expect(backoff.waits).toEqual([100, 200]);
  });
});
