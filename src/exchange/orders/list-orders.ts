import type { Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';
import type { OrderSide, StoredOrder } from './types.js';
import { isOpen } from './types.js';

export interface OrderQuery {
  readonly status: 'open' | 'closed' | 'all';
  readonly limit: number;
  readonly direction: 'asc' | 'desc';
  /** Exclusive bounds on submitted_at, in ms. */
  readonly afterMs: number | null;
  readonly untilMs: number | null;
  readonly symbols: ReadonlySet<string> | null;
  readonly side: OrderSide | null;
  readonly beforeOrderId: string | null;
  readonly afterOrderId: string | null;
  /** The asset classes asked for; null: every class. */
  readonly assetClasses: ReadonlySet<string> | null;
}

/** What selecting needs to know of an order, whether the exchange took it or the scenario brought it along. */
export interface ListedOrder {
  readonly id: string;
  readonly seq: number;
  readonly symbol: string;
  readonly side: string;
  readonly submittedAt: string;
  readonly open: boolean;
  readonly assetClass: string;
}

export function listedStockOrder(o: StoredOrder): ListedOrder {
  return { id: o.id, seq: o.seq, symbol: o.symbol, side: o.side, submittedAt: o.submittedAt, open: isOpen(o), assetClass: 'us_equity' };
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** GET /v2/orders query parameters; the message names the parameter at fault. */
export function parseOrderQuery(q: URLSearchParams): Result<OrderQuery, string> {
  const status = q.get('status') || 'open';
  if (status !== 'open' && status !== 'closed' && status !== 'all') return err(`invalid status "${status}": expected open, closed or all`);
  const direction = q.get('direction') || 'desc';
  if (direction !== 'asc' && direction !== 'desc') return err(`invalid direction "${direction}": expected asc or desc`);
  const rawLimit = q.get('limit') || String(DEFAULT_LIMIT);
  const limit = Number(rawLimit);
  if (!/^\d+$/.test(rawLimit) || limit < 1) return err(`invalid limit "${rawLimit}": expected a positive whole number`);
  const side = q.get('side') || null;
  if (side !== null && side !== 'buy' && side !== 'sell') return err(`invalid side "${side}": expected buy or sell`);
  const after = time(q, 'after');
  if (!after.ok) return after;
  const until = time(q, 'until');
  if (!until.ok) return until;
  const symbolList = (q.get('symbols') ?? '').split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const classes = q.getAll('asset_class').flatMap((c) => c.split(',')).filter((c) => c !== '');
  return ok({
    status,
    direction,
    // Alpaca caps the page rather than refusing a larger one.
    limit: Math.min(limit, MAX_LIMIT),
    afterMs: after.value,
    untilMs: until.value,
    symbols: symbolList.length === 0 ? null : new Set(symbolList),
    side,
    beforeOrderId: q.get('before_order_id') || null,
    afterOrderId: q.get('after_order_id') || null,
    assetClasses: classes.length === 0 || classes.includes('all') ? null : new Set(classes),
  });
}

function time(q: URLSearchParams, name: string): Result<number | null, string> {
  const raw = q.get(name);
  if (raw === null || raw === '') return ok(null);
  const ms = TIME.test(raw) ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(ms) ? err(`invalid ${name} "${raw}": expected an RFC 3339 time`) : ok(ms);
}

/** Submission order: submitted_at, then the sequence number for orders placed in the same millisecond. */
function compare(a: ListedOrder, b: ListedOrder): number {
  return Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.seq - b.seq;
}

/**
 * One page of orders. before_order_id / after_order_id keep the orders placed strictly before / after the named one,
 * so paging from the last order of a descending page never repeats or skips an order.
 */
export function selectOrders<T extends ListedOrder>(all: Iterable<T>, q: OrderQuery): Result<T[], string> {
  const orders = [...all];
  const byId = (id: string | null): Result<T | null, string> => {
    if (id === null) return ok(null);
    const found = orders.find((o) => o.id === id);
    return found ? ok(found) : err(`order ${id} not found`);
  };
  const before = byId(q.beforeOrderId);
  if (!before.ok) return before;
  const after = byId(q.afterOrderId);
  if (!after.ok) return after;
  const selected = orders.filter((o) => {
    if (q.assetClasses !== null && !q.assetClasses.has(o.assetClass)) return false;
    if (q.status === 'open' && !o.open) return false;
    if (q.status === 'closed' && o.open) return false;
    if (q.symbols !== null && !q.symbols.has(o.symbol)) return false;
    if (q.side !== null && o.side !== q.side) return false;
    const submitted = Date.parse(o.submittedAt);
    if (q.afterMs !== null && submitted <= q.afterMs) return false;
    if (q.untilMs !== null && submitted >= q.untilMs) return false;
    if (before.value !== null && compare(o, before.value) >= 0) return false;
    if (after.value !== null && compare(o, after.value) <= 0) return false;
    return true;
  });
  selected.sort((a, b) => (q.direction === 'asc' ? compare(a, b) : compare(b, a)));
  return ok(selected.slice(0, q.limit));
}
