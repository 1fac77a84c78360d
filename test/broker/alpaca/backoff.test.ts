import { RateLimitError } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { delayBefore, withRetries } from '../../../src/broker/alpaca/backoff.js';
import { recordedBackoff } from './recorded-backoff.js';

const rateLimited = (retryAfterMs: number): RateLimitError =>
  new RateLimitError(new Response('{}', { status: 429 }), 429, 42910000, 'rate limit exceeded', undefined, retryAfterMs);

describe('delayBefore', () => {
  const backoff = recordedBackoff({ baseMs: 100, maxMs: 1_000, maxRateLimitWaitMs: 60_000 });

  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => delayBefore(attempt, new Error('x'), backoff))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('waits out the reset a 429 announced, a little past it', () => {
    expect(delayBefore(0, rateLimited(3_000), backoff)).toBe(3_100);
  });

  it('never waits longer than maxRateLimitWaitMs for a reset', () => {
    expect(delayBefore(0, rateLimited(3_600_000), backoff)).toBe(60_000);
  });
});

describe('withRetries', () => {
  it('returns the first success after failures that may pass', async () => {
    const backoff = recordedBackoff();
    let calls = 0;
    const value = await withRetries(
      () => (++calls < 3 ? Promise.reject(new Error('flaky')) : Promise.resolve('done')),
      { attempts: 3, backoff, retryable: () => true },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
    expect(backoff.waits).toEqual([100, 200]);
  });

  it('gives up after the number of attempts in all, with the last failure', async () => {
    let calls = 0;
    const failure = withRetries(() => Promise.reject(new Error(`failure ${++calls}`)), {
      attempts: 3,
      backoff: recordedBackoff(),
      retryable: () => true,
    });
    await expect(failure).rejects.toThrow('failure 3');
    expect(calls).toBe(3);
  });

  it('does not repeat a failure that will not pass', async () => {
    let calls = 0;
    const failure = withRetries(() => Promise.reject(new Error(`failure ${++calls}`)), {
      attempts: 3,
      backoff: recordedBackoff(),
      retryable: () => false,
    });
    await expect(failure).rejects.toThrow('failure 1');
    expect(calls).toBe(1);
  });
});
