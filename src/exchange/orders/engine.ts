import { randomUUID } from 'node:crypto';
import type { Result } from '../../domain/index.js';
import { ok } from '../../domain/index.js';
import type { ApiResponse } from '../http/types.js';
import { formatPrice, formatQty } from '../json/decimal.js';
import { exchangeNow, setExchangeClock } from '../state.js';
import type { TradeUpdateEvent } from '../trade-events.js';
import type { ExchangeMarket } from './admission.js';
import { admitOrder } from './admission.js';
import { DEFAULT_FILL_RULES, bookExecution, planExecution } from './execution.js';
import { currentPrice } from './exposure.js';
import { isMarketOpen, nextOpen } from './market-hours.js';
import { newOrder } from './new-order.js';
import { orderJson } from './order-json.js';
import { parseOrderRequest } from './parse-order-request.js';
import type { OrderStatus, StoredOrder } from './types.js';
import { isOpen } from './types.js';

export type CancelOutcome =
  | { readonly kind: 'canceled'; readonly order: StoredOrder }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'final'; readonly status: OrderStatus };

/** Takes orders and moves them through their lifecycle on timers; the exchange's only writer of orders. */
export interface OrderEngine {
  /** The exchange's time for orders (see exchangeNow). */
  now(): Date;
  submit(body: unknown): Result<StoredOrder, ApiResponse>;
  cancel(orderId: string): CancelOutcome;
  /** Cancels every open order; returns the ones it canceled. */
  cancelAll(): readonly StoredOrder[];
  /** Moves the exchange clock: queued orders route at the open, day orders expire at the close. */
  setClock(to: Date): void;
  /** Picks up where a loaded state left off: open orders resume their lifecycle. */
  start(): void;
  /** Clears every timer; nothing changes afterwards. */
  close(): void;
}

export interface OrderEngineOptions {
  readonly market: ExchangeMarket;
  /** Called after every change, e.g. to persist the state. */
  readonly onChange?: () => void;
  readonly wallMs?: () => number;
}

// setTimeout's ceiling (about 24.8 days); a later boundary is re-planned when this one fires.
const MAX_TIMER_MS = 2_147_483_647;

export function createOrderEngine(opts: OrderEngineOptions): OrderEngine {
  const { market } = opts;
  const { state } = market;
  const rules = market.scenario.fills ?? DEFAULT_FILL_RULES;
  const wallMs = opts.wallMs ?? Date.now;
  const onChange = opts.onChange ?? ((): void => undefined);
  const executions = new Map<string, NodeJS.Timeout>();
  let boundary: NodeJS.Timeout | undefined;
  let closed = false;
  // Changes are marked as they happen and reported once per operation, so a persister writes once per request.
  let dirty = false;
  const commit = (): void => {
    if (!dirty) return;
    dirty = false;
    onChange();
  };

  const now = (): Date => exchangeNow(state, wallMs());
  const openOrders = (): StoredOrder[] => [...state.orders.values()].filter(isOpen);

  function emit(event: TradeUpdateEvent['event'], order: StoredOrder, at: Date, execution: Partial<TradeUpdateEvent> = {}): void {
    dirty = true;
    state.events.emit('trade_update', { event, timestamp: at.toISOString(), order: orderJson(order), ...execution });
  }

  function stopExecution(order: StoredOrder): void {
    clearTimeout(executions.get(order.id));
    executions.delete(order.id);
  }

  function settle(order: StoredOrder, status: OrderStatus, at: Date): void {
    stopExecution(order);
    order.status = status;
    order.updatedAt = at.toISOString();
  }

  function scheduleExecution(order: StoredOrder): void {
    if (order.resting || executions.has(order.id)) return;
    executions.set(order.id, setTimeout(() => execute(order.id), rules.delayMs).unref());
  }

  function route(order: StoredOrder, at: Date): void {
    order.status = 'new';
    order.updatedAt = at.toISOString();
    emit('new', order, at);
    scheduleExecution(order);
  }

  function expireDue(at: Date): void {
    for (const order of openOrders()) {
      if (at.getTime() < Date.parse(order.expiresAt)) continue;
      settle(order, 'expired', at);
      order.expiredAt = order.expiresAt;
      emit('expired', order, at);
    }
  }

  function execute(orderId: string): void {
    executions.delete(orderId);
    const order = state.orders.get(orderId);
    if (closed || order === undefined || !isOpen(order)) return;
    const at = now();
    expireDue(at);
    const price = currentPrice(market.scenario, order.symbol, at);
    if (isOpen(order) && isMarketOpen(at) && price !== undefined) executeAt(order, price, at);
    planBoundary(at);
    commit();
  }

  function executeAt(order: StoredOrder, marketPrice: number, at: Date): void {
    const plan = planExecution(order, marketPrice, rules);
    if (plan.kind === 'wait') {
      if (!plan.forever) return;
      order.resting = true;
      dirty = true;
    } else if (plan.kind === 'reject') {
      settle(order, 'rejected', at);
      order.failedAt = at.toISOString();
      emit('rejected', order, at);
    } else {
      const positionQty = bookExecution(state, order, plan.qty, plan.price);
      settle(order, plan.final ? 'filled' : 'partially_filled', at);
      if (plan.final) order.filledAt = at.toISOString();
      else order.resting = true;
      emit(plan.final ? 'fill' : 'partial_fill', order, at, {
        execution_id: randomUUID(),
        price: formatPrice(plan.price),
        qty: formatQty(plan.qty),
        position_qty: formatQty(positionQty),
      });
    }
  }

  function cancelOpen(order: StoredOrder, at: Date): { readonly kind: 'canceled'; readonly order: StoredOrder } {
    settle(order, 'canceled', at);
    order.canceledAt = at.toISOString();
    emit('canceled', order, at);
    return { kind: 'canceled', order };
  }

  /** Brings every open order up to date with the clock, then plans the next wake-up. */
  function reconcile(at: Date): void {
    if (closed) return;
    expireDue(at);
    if (isMarketOpen(at)) {
      for (const order of openOrders()) {
        if (order.status === 'accepted') route(order, at);
        else scheduleExecution(order);
      }
    }
    planBoundary(at);
  }

  /** One timer for the next moment the clock alone changes something: an expiry, or the open for queued orders. */
  function planBoundary(at: Date): void {
    clearTimeout(boundary);
    boundary = undefined;
    if (closed) return;
    const open = openOrders();
    const times = open.map((o) => Date.parse(o.expiresAt));
    if (!isMarketOpen(at) && open.some((o) => !o.resting && !executions.has(o.id))) times.push(nextOpen(at).getTime());
    if (times.length === 0) return;
    const delay = Math.min(Math.max(Math.min(...times) - at.getTime(), 0), MAX_TIMER_MS);
    boundary = setTimeout(() => {
      reconcile(now());
      commit();
    }, delay).unref();
  }

  return {
    now,
    submit(body) {
      const parsed = parseOrderRequest(body);
      if (!parsed.ok) return parsed;
      const at = now();
      expireDue(at);
      const admitted = admitOrder(parsed.value, market, at);
      if (!admitted.ok) {
        commit();
        return admitted;
      }
      const order = newOrder(parsed.value, admitted.value.asset.id, state.nextSeq++, at);
      state.orders.set(order.id, order);
      state.clientOrderIds.set(order.clientOrderId, order.id);
      dirty = true;
      if (!closed && isMarketOpen(at)) route(order, at);
      planBoundary(at);
      commit();
      return ok(order);
    },
    cancel(orderId) {
      const order = state.orders.get(orderId);
      if (order === undefined) return { kind: 'not_found' };
      const at = now();
      expireDue(at);
      const outcome = isOpen(order) ? cancelOpen(order, at) : ({ kind: 'final', status: order.status } as const);
      planBoundary(at);
      commit();
      return outcome;
    },
    cancelAll() {
      const at = now();
      expireDue(at);
      const canceled = openOrders().map((order) => cancelOpen(order, at).order);
      planBoundary(at);
      commit();
      return canceled;
    },
    setClock(to) {
      setExchangeClock(state, to, wallMs());
      // The clock itself is state worth keeping, even when no order moves.
      dirty = true;
      reconcile(now());
      commit();
    },
    start() {
      reconcile(now());
      commit();
    },
    close() {
      closed = true;
      for (const timer of executions.values()) clearTimeout(timer);
      executions.clear();
      clearTimeout(boundary);
      boundary = undefined;
    },
  };
}
