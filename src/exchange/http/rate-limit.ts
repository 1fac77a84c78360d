/** Alpaca's documented trading limit; the emulator reports it but never enforces it. */
const LIMIT = 200;
const WINDOW_MS = 60_000;

export type RateLimitHeaders = Readonly<Record<'X-Ratelimit-Limit' | 'X-Ratelimit-Remaining' | 'X-Ratelimit-Reset', string>>;

/** A fixed one-minute window counter, fed the wall clock so clients computing back-off see real seconds. */
export function createRateLimitWindow(): (nowMs: number) => RateLimitHeaders {
  let windowEnd = 0;
  let used = 0;
  return (nowMs) => {
    if (nowMs >= windowEnd) {
      windowEnd = nowMs + WINDOW_MS;
      used = 0;
    }
    used++;
    return {
      'X-Ratelimit-Limit': String(LIMIT),
      'X-Ratelimit-Remaining': String(Math.max(LIMIT - used, 0)),
      'X-Ratelimit-Reset': String(Math.ceil(windowEnd / 1000)),
    };
  };
}
