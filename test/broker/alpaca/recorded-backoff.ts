import type { Backoff } from '../../../src/broker/alpaca/backoff.js';

/** A Backoff that does not wait but records every wait asked for, so tests see the policy without the time. */
export function recordedBackoff(overrides: Partial<Omit<Backoff, 'sleep'>> = {}): Backoff & { readonly waits: number[] } {
  const waits: number[] = [];
  return {
    baseMs: 100,
    maxMs: 1_000,
    maxRateLimitWaitMs: 60_000,
    ...overrides,
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}
