import { clockAt } from '../calendar/index.js';
import type { ExchangeContext } from '../context.js';
import { badRequest, ok } from '../http/errors.js';
import type { Route } from '../http/types.js';
import { orderJson } from '../orders/order-json.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Test and demo machinery outside Alpaca's API: move the exchange clock, look at the whole state.
 * The server answers these from the loopback interface only, and without API keys.
 */
export const controlRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/_control/clock',
    handler: (req, ctx) => {
      const target = clockTarget(req.body, ctx);
      if (typeof target === 'string') return badRequest(target);
      ctx.orders.setClock(target);
      return ok(clockJson(ctx));
    },
  },
  {
    method: 'GET',
    path: '/_control/state',
    handler: (_req, ctx) =>
      ok({
        ...clockJson(ctx),
        cash: ctx.state.cash,
        positions: [...ctx.state.positions]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([symbol, p]) => ({ symbol, qty: p.qty, avg_entry_price: p.avgEntryPrice })),
        orders: [...ctx.state.orders.values()].map(orderJson),
      }),
  },
];

/** `{ "to": ISO }` or `{ "advanceMs": n }`, exactly one; a string is the complaint. */
function clockTarget(body: unknown, ctx: ExchangeContext): Date | string {
  const usage = 'expected a JSON body { "to": "<RFC 3339 time>" } or { "advanceMs": <milliseconds >= 0> }';
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return usage;
  const { to, advanceMs, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || (to === undefined) === (advanceMs === undefined)) return usage;
  if (to !== undefined) {
    if (typeof to !== 'string' || !ISO_TIME.test(to) || Number.isNaN(Date.parse(to))) return `invalid "to": ${JSON.stringify(to)}; ${usage}`;
    return new Date(to);
  }
  if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) return `invalid "advanceMs": ${JSON.stringify(advanceMs)}; ${usage}`;
  return new Date(ctx.orders.now().getTime() + advanceMs);
}

/** The clock as GET /v2/clock shows it: as last set, without the wall time orders see running on since. */
function clockJson(ctx: ExchangeContext): Record<string, unknown> {
  const clock = clockAt(ctx.state.now);
  return { timestamp: clock.timestamp, is_open: clock.isOpen, next_open: clock.nextOpen, next_close: clock.nextClose };
}

/** Control requests must come from this machine, even when the exchange listens on every interface. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}
