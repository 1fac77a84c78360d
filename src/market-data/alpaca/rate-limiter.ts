import { setTimeout as delay } from 'node:timers/promises';

export interface RateLimiterOptions {
  /** Requests allowed per minute; also the burst a full bucket allows. Alpaca's free market-data plan: 200. */
  readonly requestsPerMinute?: number;
  /** Longest pause a server's reset time may impose; guards against a skewed clock. Default: one window, 60 s. */
  readonly maxPauseMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What a response said about the rate limit, from its status and headers. */
export interface RateLimitSignal {
  readonly status: number;
  /** X-Ratelimit-Remaining: requests left in the server's current window. */
  readonly remaining?: number;
  /** X-Ratelimit-Reset: when the server's window resets, Unix seconds. */
  readonly resetAtSeconds?: number;
  /** Retry-After, in milliseconds. */
  readonly retryAfterMs?: number;
}

export const DEFAULT_REQUESTS_PER_MINUTE = 200;
/** A 429 without a usable hint still backs off this long. */
const FALLBACK_PAUSE_MS = 1_000;

/** Reads the rate-limit headers of a response; absent or malformed headers are left out. */
export function rateLimitSignal(status: number, headers: { get(name: string): string | null }): RateLimitSignal {
  const whole = (name: string): number | undefined => {
    const text = headers.get(name);
    return text !== null && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
  };
  const remaining = whole('X-Ratelimit-Remaining');
  const resetAtSeconds = whole('X-Ratelimit-Reset');
  const retryAfterSeconds = whole('Retry-After');
  return {
    status,
    ...(remaining === undefined ? {} : { remaining }),
    ...(resetAtSeconds === undefined ? {} : { resetAtSeconds }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterMs: retryAfterSeconds * 1000 }),
  };
}

/**
 * A token bucket for one host: refills continuously at `requestsPerMinute`, hands tokens out first come first
 * served, and defers to the server: a lower X-Ratelimit-Remaining drains it, and a 429 or an exhausted window
 * pauses every caller until the window resets.
 */
export class RateLimiter {
  readonly requestsPerMinute: number;
  private readonly capacity: number;
  private readonly msPerToken: number;
  private readonly maxPauseMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  /** The last caller in line: each acquire waits for the one before it, which keeps the order fair. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions = {}) {
    this.requestsPerMinute = options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE;
    if (!(this.requestsPerMinute > 0)) throw new RangeError(`requestsPerMinute must be positive, got ${this.requestsPerMinute}`);
    this.capacity = Math.max(1, this.requestsPerMinute);
    this.msPerToken = 60_000 / this.requestsPerMinute;
    this.maxPauseMs = options.maxPauseMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.tokens = this.capacity;
    this.refilledAt = this.now();
  }

  /** Resolves when this caller may send one request. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.takeToken());
    // A failed sleep must not stall everyone queued behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Counts a request sent without waiting (a retry the SDK makes on its own): later callers wait for it. */
  charge(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** Takes in what a response said: the server's count wins when it is lower, and a refusal pauses everyone. */
  observe(signal: RateLimitSignal): void {
    const now = this.now();
    this.refill();
    if (signal.remaining !== undefined) this.tokens = Math.min(this.tokens, signal.remaining);
    const untilReset = signal.resetAtSeconds === undefined ? undefined : signal.resetAtSeconds * 1000 - now;
    if (signal.status === 429) {
      this.tokens = Math.min(this.tokens, 0);
      this.pauseFor(signal.retryAfterMs ?? (untilReset !== undefined && untilReset > 0 ? untilReset : FALLBACK_PAUSE_MS));
    } else if (signal.remaining === 0 && untilReset !== undefined && untilReset > 0) {
      this.pauseFor(untilReset);
    }
  }

  /** The pause every caller is held in now: when it ends (on this limiter's clock) and how long is left. */
  currentPause(): { readonly untilMs: number; readonly remainingMs: number } | undefined {
    const remainingMs = this.pausedUntil - this.now();
    return remainingMs > 0 ? { untilMs: this.pausedUntil, remainingMs } : undefined;
  }

  /** Holds every caller back for `ms` (capped at maxPauseMs). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.min(Math.max(ms, 0), this.maxPauseMs));
  }

  private refill(): void {
    const now = this.now();
    if (now > this.refilledAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) / this.msPerToken);
      this.refilledAt = now;
    }
  }

  private async takeToken(): Promise<void> {
    for (;;) {
      const paused = this.pausedUntil - this.now();
      if (paused > 0) {
        await this.sleep(paused);
        continue;
      }
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil((1 - this.tokens) * this.msPerToken));
    }
  }
}

const sharedLimiters = new Map<string, RateLimiter>();

/**
 * The process's one limiter for a market-data host (scheme, host and port of `baseUrl`), created on first use with
 * the given rate. Alpaca counts requests per account and host, so every client of the process shares it.
 */
export function sharedRateLimiter(baseUrl: string, options: RateLimiterOptions = {}): RateLimiter {
  const host = new URL(baseUrl).origin;
  let limiter = sharedLimiters.get(host);
  if (limiter === undefined) {
    limiter = new RateLimiter(options);
    sharedLimiters.set(host, limiter);
  }
  return limiter;
}
