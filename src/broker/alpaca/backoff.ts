import { rateLimitWaitMs } from './errors.js';

/** How the adapter waits between its own retries (on top of the SDK's retry of GETs). */
export interface Backoff {
  /** First wait; doubled on every further attempt, up to maxMs. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** Longest wait for a rate-limit window the server announced (Alpaca's window is one minute). */
  readonly maxRateLimitWaitMs: number;
  /** Injected so tests of long waits need no real time. */
  readonly sleep: (ms: number) => Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 8_000, maxRateLimitWaitMs: 65_000, sleep };

// The reset header has one-second resolution: wait a little past it rather than hit the old window again.
const RESET_MARGIN_MS = 100;

/** The wait before retry number `attempt` (0 = the first retry): a 429's announced reset, else exponential. */
export function delayBefore(attempt: number, error: unknown, backoff: Backoff): number {
  const announced = rateLimitWaitMs(error);
  if (announced !== undefined) return Math.min(announced + RESET_MARGIN_MS, backoff.maxRateLimitWaitMs);
  return Math.min(backoff.baseMs * 2 ** attempt, backoff.maxMs);
}

/** Runs `work` up to `attempts` times in all, waiting between tries, while `retryable` says a failure may pass. */
export async function withRetries<T>(
  work: () => Promise<T>,
  opts: { readonly attempts: number; readonly backoff: Backoff; readonly retryable: (error: unknown) => boolean },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt + 1 >= opts.attempts || !opts.retryable(error)) throw error;
      await opts.backoff.sleep(delayBefore(attempt, error, opts.backoff));
    }
  }
}
