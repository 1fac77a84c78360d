/** Alpaca's documented trading limit: reported when the scenario sets no limit of its own. */
const REPORTED_LIMIT = 200;

export type RateLimitHeaders = Readonly<Record<'X-Ratelimit-Limit' | 'X-Ratelimit-Remaining' | 'X-Ratelimit-Reset', string>>;

export interface RateLimitPolicy {
  /** Requests allowed per window; null reports Alpaca's 200 but never refuses. */
  readonly limit: number | null;
  readonly windowMs: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly headers: RateLimitHeaders;
  /** Whole seconds until the window resets, for `Retry-After`. */
  readonly retryAfterSeconds: number;
}

export interface RateLimitWindow {
  /** Counts one request against the window (a refused one is not counted). */
  take(nowMs: number): RateLimitDecision;
  /** The headers as they stand, without counting a request. */
  peek(nowMs: number): RateLimitHeaders;
}

const UNLIMITED: RateLimitPolicy = { limit: null, windowMs: 60_000 };

/** A fixed window counter, fed the wall clock so clients computing back-off see real seconds. */
export function createRateLimitWindow(policy: RateLimitPolicy = UNLIMITED): RateLimitWindow {
  const limit = policy.limit ?? REPORTED_LIMIT;
  let windowEnd = 0;
  let used = 0;
  const roll = (nowMs: number): void => {
    if (nowMs < windowEnd) return;
    windowEnd = nowMs + policy.windowMs;
    used = 0;
  };
  const headers = (): RateLimitHeaders => ({
    'X-Ratelimit-Limit': String(limit),
    'X-Ratelimit-Remaining': String(Math.max(limit - used, 0)),
    'X-Ratelimit-Reset': String(Math.ceil(windowEnd / 1000)),
  });
  return {
    take(nowMs) {
      roll(nowMs);
      const allowed = policy.limit === null || used < policy.limit;
      if (allowed) used++;
      return { allowed, headers: headers(), retryAfterSeconds: Math.max(Math.ceil((windowEnd - nowMs) / 1000), 0) };
    },
    peek(nowMs) {
      roll(nowMs);
      return headers();
    },
  };
}
