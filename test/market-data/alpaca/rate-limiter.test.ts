import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitSignal, sharedRateLimiter } from '../../../src/market-data/alpaca/rate-limiter.js';

/** A limiter on a fake clock: sleeping moves the clock, so waits are exact and instant. */
function fakeClockLimiter(requestsPerMinute: number, startMs = 1_700_000_000_000, maxPauseMs?: number) {
  const clock = { now: startMs };
  const limiter = new RateLimiter({
    requestsPerMinute,
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
    ...(maxPauseMs === undefined ? {} : { maxPauseMs }),
  });
  /** Acquires `count` tokens one after another and returns when each was granted, relative to the start. */
  const grants = async (count: number): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      await limiter.acquire();
      times.push(clock.now - startMs);
    }
    return times;
  };
  return { clock, limiter, grants };
}

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('RateLimiter', () => {
  it('lets a full minute of requests through at once, then one every 60/rate seconds', async () => {
    const { grants } = fakeClockLimiter(60);
    const times = await grants(62);
    expect(times.slice(0, 60).every((t) => t === 0)).toBe(true);
    expect(times.slice(60)).toEqual([1000, 2000]);
  });

  it('serves concurrent callers in the order they asked', async () => {
    const { limiter } = fakeClockLimiter(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('pauses everyone until the reset when the server says no requests remain', async () => {
    const { clock, limiter, grants } = fakeClockLimiter(200);
    limiter.observe({ status: 200, remaining: 0, resetAtSeconds: Math.floor(clock.now / 1000) + 30 });
    const [first] = await grants(1);
    expect(first).toBe(30_000);
  });

  it('drains its bucket to what the server says remains', async () => {
    const { limiter, grants } = fakeClockLimiter(60);
    limiter.observe({ status: 200, remaining: 2 });
    expect(await grants(3)).toEqual([0, 0, 1000]);
  });

  it.each([
    ['Retry-After', { status: 429, retryAfterMs: 7_000 }, 7_000],
    ['the window reset', { status: 429, resetAtSeconds: 1_700_000_012 }, 12_000],
    ['no hint at all', { status: 429 }, 1_000],
  ])('after a 429 with %s, waits that long before the next request', async (_name, signal, expectedWait) => {
    const { limiter, grants } = fakeClockLimiter(200);
    limiter.observe(signal);
    const [first] = await grants(1);
    expect(first).toBe(expectedWait);
  });

  it('caps a reset far in the future (a skewed clock) at the longest pause', async () => {
    const { clock, limiter, grants } = fakeClockLimiter(200, 1_700_000_000_000, 60_000);
    limiter.observe({ status: 429, resetAtSeconds: Math.floor(clock.now / 1000) + 3600 });
    expect(await grants(1)).toEqual([60_000]);
  });

  it('makes the next caller wait for a request charged without waiting', async () => {
    const { limiter, grants } = fakeClockLimiter(60);
    await grants(60);
    limiter.charge();
    expect(await grants(1)).toEqual([2000]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateLimiter({ requestsPerMinute: 0 })).toThrow(RangeError);
  });
});

describe('rateLimitSignal', () => {
  it('reads remaining, reset and Retry-After', () => {
    expect(
      rateLimitSignal(429, headers({ 'X-Ratelimit-Remaining': '0', 'X-Ratelimit-Reset': '1700000060', 'Retry-After': '3' })),
    ).toEqual({ status: 429, remaining: 0, resetAtSeconds: 1_700_000_060, retryAfterMs: 3000 });
  });

  it('leaves out headers that are missing or not whole numbers', () => {
    expect(rateLimitSignal(200, headers({ 'X-Ratelimit-Remaining': 'lots', 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }))).toEqual({
      status: 200,
    });
  });
});

describe('sharedRateLimiter', () => {
  it('is one limiter per host and port, whatever the path', () => {
    const a = sharedRateLimiter('http://127.0.0.1:40001');
    expect(sharedRateLimiter('http://127.0.0.1:40001/v2/')).toBe(a);
    expect(sharedRateLimiter('http://127.0.0.1:40002')).not.toBe(a);
  });

  it('keeps the rate of its first user', () => {
    const first = sharedRateLimiter('http://127.0.0.1:40003', { requestsPerMinute: 50 });
    expect(sharedRateLimiter('http://127.0.0.1:40003', { requestsPerMinute: 500 }).requestsPerMinute).toBe(50);
    expect(first.requestsPerMinute).toBe(50);
  });
});
