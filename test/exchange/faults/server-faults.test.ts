import { performance } from 'node:perf_hooks';
import { Alpaca, RateLimitError } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import type { FaultConfig } from '../../../src/exchange/faults/index.js';
import { faultsSchema } from '../../../src/exchange/faults/index.js';
import type { RunningExchange } from '../../../src/exchange/server.js';
import { KEYS, aScenario, anExchange, get } from '../helpers.js';

/** An exchange whose scenario sets these faults (the rest default, as in a scenario file). */
function anExchangeWith(faults: Partial<FaultConfig>): Promise<RunningExchange> {
  return anExchange(aScenario({ faults: faultsSchema.parse(faults) }));
}

async function post(exchange: RunningExchange, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${exchange.baseUrl}${path}`, {
    method: 'POST',
    headers: { ...KEYS, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** Indices (0-based) of the GETs, out of `count` in a row, that were answered 500. */
async function failingGets(exchange: RunningExchange, count: number): Promise<number[]> {
  const failed: number[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await get(exchange, '/v2/clock');
    if (reply.status === 500) {
      expect(reply.body).toEqual({ code: 50010000, message: 'internal server error' });
      failed.push(i);
    } else expect(reply.status).toBe(200);
  }
  return failed;
}

const INTERNAL_ERROR = { code: 50010000, message: 'internal server error' };

describe('latency', () => {
  it('delays a /v2 response by at least latencyMs', async () => {
    const exchange = await anExchangeWith({ latencyMs: 150 });
    const started = performance.now();
    const reply = await get(exchange, '/v2/clock');
    // 1 ms of slack: timers and performance.now round differently.
    expect(performance.now() - started).toBeGreaterThanOrEqual(149);
    expect(reply.status).toBe(200);
  });

  it('does not delay paths outside /v2', async () => {
    const exchange = await anExchangeWith({ latencyMs: 60_000 });
    let slowSettled = false;
    const slow = get(exchange, '/v2/clock').finally(() => (slowSettled = true));
    const fast = await get(exchange, '/favicon.ico');
    expect(fast.status).toBe(404);
    expect(slowSettled).toBe(false);
    await exchange.close();
    await expect(slow).rejects.toThrow();
  });
});

describe('injected errors', () => {
  it('fails the same GETs for the same seed, about errorRate of them, and other ones for another seed', async () => {
    const first = await failingGets(await anExchangeWith({ errorRate: 0.2, seed: 7 }), 200);
    const again = await failingGets(await anExchangeWith({ errorRate: 0.2, seed: 7 }), 200);
    const otherSeed = await failingGets(await anExchangeWith({ errorRate: 0.2, seed: 8 }), 200);
    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
    // 200 draws at p = 0.2: mean 40, standard deviation about 5.7.
    expect(first.length).toBeGreaterThan(20);
    expect(first.length).toBeLessThan(60);
  });

  it('never fails an order POST by default, even at errorRate 1', async () => {
    const exchange = await anExchangeWith({ errorRate: 1 });
    expect(await get(exchange, '/v2/account')).toMatchObject({ status: 500, body: INTERNAL_ERROR });
    const order = await post(exchange, '/v2/orders', { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' });
    expect(order.status).not.toBe(500);
  });

  it('fails POSTs too when errorMethods names POST', async () => {
    const exchange = await anExchangeWith({ errorRate: 1, errorMethods: ['POST'] });
    const order = await post(exchange, '/v2/orders', { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' });
    expect(order).toEqual({ status: 500, body: INTERNAL_ERROR });
    // The fault answered instead of the exchange: no order was taken.
    expect((await get(exchange, '/v2/orders?status=all')).body).toEqual([]);
    expect((await get(exchange, '/v2/account')).status).toBe(200);
  });

  it('never injects errors outside /v2', async () => {
    const exchange = await anExchangeWith({ errorRate: 1 });
    for (const path of ['/favicon.ico', '/_control/anything', '/stream']) {
      expect((await get(exchange, path)).status, path).toBe(404);
    }
  });
});

describe('rate limit', () => {
  it('counts down the remaining requests, then answers 429 with Retry-After until the window resets', async () => {
    const exchange = await anExchangeWith({ rateLimitPerMinute: 3 });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await get(exchange, '/v2/clock');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-ratelimit-limit')).toBe('3');
      remaining.push(reply.headers.get('x-ratelimit-remaining') ?? '');
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await get(exchange, '/v2/account');
    const nowSeconds = Date.now() / 1000;
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 42910000, message: 'rate limit exceeded' });
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(refused.headers.get('x-ratelimit-reset'));
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Both headers point at the same moment: the end of the window.
    expect(Math.abs(reset - (nowSeconds + retryAfter))).toBeLessThanOrEqual(2);
  });

  it('serves again once the window has reset', async () => {
    const exchange = await anExchangeWith({ rateLimitPerMinute: 2, rateLimitWindowMs: 300 });
    let status = 0;
    for (let i = 0; i < 50 && status !== 429; i++) status = (await get(exchange, '/v2/clock')).status;
    expect(status).toBe(429);

    const deadline = Date.now() + 5_000;
    let reply = await get(exchange, '/v2/clock');
    while (reply.status === 429 && Date.now() < deadline) reply = await get(exchange, '/v2/clock');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('1');
  });

  it('reaches the official SDK as a RateLimitError carrying the retry hint', async () => {
    const exchange = await anExchangeWith({ rateLimitPerMinute: 1 });
    const alpaca = new Alpaca({
      keyId: 'local',
      secret: 'local',
      retry: false,
      rateLimit: false,
      fetchApi: (url, init) => fetch(String(url).replace(/^https:\/\/paper-api\.alpaca\.markets/, exchange.baseUrl), init),
    });
    await alpaca.trading.account.getAccount();
    const error: unknown = await alpaca.trading.account.getAccount().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
  });

  it('never counts /_control requests', async () => {
    const exchange = await anExchangeWith({ rateLimitPerMinute: 1 });
    for (let i = 0; i < 3; i++) await get(exchange, '/_control/anything');
    expect((await get(exchange, '/v2/clock')).status).toBe(200);
  });
});
