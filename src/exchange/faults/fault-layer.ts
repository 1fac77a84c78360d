import { setTimeout as delay } from 'node:timers/promises';
import { mulberry32 } from '../../random/prng.js';
import { apiError } from '../http/errors.js';
import { createRateLimitWindow } from '../http/rate-limit.js';
import type { ApiResponse } from '../http/types.js';
import type { FaultConfig } from './config.js';

export interface FaultRequest {
  readonly method: string;
  /** The URL's path, without the query. */
  readonly path: string;
}

export type FaultOutcome =
  | { readonly kind: 'reply'; readonly response: ApiResponse; readonly headers: Readonly<Record<string, string>> }
  /** Destroy the connection without answering. */
  | { readonly kind: 'drop' };

export interface FaultLayer {
  /** Decides what the client gets for one request; `next` runs the real route (or not, when a fault pre-empts it). */
  handle(req: FaultRequest, next: () => ApiResponse | Promise<ApiResponse>): Promise<FaultOutcome>;
  /** Ends pending latency waits; their requests are dropped, as the closing server destroys their sockets anyway. */
  close(): void;
}

const DROP: FaultOutcome = { kind: 'drop' };
const rateLimited = (): ApiResponse => apiError(429, 42910000, 'rate limit exceeded');
const injectedError = (): ApiResponse => apiError(500, 50010000, 'internal server error');

/**
 * Wraps request handling with the scenario's faults. Faults touch /v2 (trading and market data) only; other paths
 * still count against the rate limit (Alpaca counts every call) except /_control, which is test machinery.
 */
export function createFaultLayer(faults: FaultConfig, nowMs: () => number): FaultLayer {
  const window = createRateLimitWindow({ limit: faults.rateLimitPerMinute, windowMs: faults.rateLimitWindowMs });
  const random = mulberry32(faults.seed);
  const errorMethods = new Set<string>(faults.errorMethods);
  const closing = new AbortController();
  let acceptedOrders = 0;

  const reply = (response: ApiResponse, headers: Readonly<Record<string, string>>): FaultOutcome => ({ kind: 'reply', response, headers });

  return {
    async handle(req, next) {
      if (isUnder(req.path, '/_control')) return reply(await next(), window.peek(nowMs()));
      if (!isUnder(req.path, '/v2')) return reply(await next(), window.take(nowMs()).headers);

      if (faults.latencyMs > 0) {
        try {
          await delay(faults.latencyMs, undefined, { signal: closing.signal });
        } catch {
          return DROP;
        }
      }
      const limit = window.take(nowMs());
      if (!limit.allowed) return reply(rateLimited(), { ...limit.headers, 'Retry-After': String(limit.retryAfterSeconds) });
      // Drawn for every eligible request, so the failing positions depend on the seed alone.
      if (errorMethods.has(req.method) && random() < faults.errorRate) return reply(injectedError(), limit.headers);

      const response = await next();
      const isOrderPost = req.method === 'POST' && req.path === '/v2/orders';
      if (isOrderPost && response.status === 200 && ++acceptedOrders === faults.dropAfterOrderAccepted) return DROP;
      return reply(response, limit.headers);
    },
    close() {
      closing.abort();
    },
  };
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
