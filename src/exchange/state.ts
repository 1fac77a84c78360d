import type { StoredOrder } from './orders/types.js';
import type { MarketScenario } from './scenario.js';
import { TradeEventBus } from './trade-events.js';

/** A holding at the exchange. Mutable on purpose: fills change it in place. */
export interface HeldPosition {
  qty: number;
  avgEntryPrice: number;
}

/**
 * Everything about the exchange that changes while it runs, in one place, so orders, fills and an
 * advancing clock can be added without touching the route handlers' signatures.
 */
export interface ExchangeState {
  /** The exchange's clock as last set; "today" is its New York date. Orders see it running on: see exchangeNow. */
  now: Date;
  /** Which `now` the wall-clock reading belongs to: a test that assigns `now` directly restarts the count. */
  clockAnchor: { readonly now: Date; readonly wallMs: number };
  /** May go negative (margin). */
  cash: number;
  /** Keyed by upper-case symbol. */
  readonly positions: Map<string, HeldPosition>;
  /** Every order ever accepted, by id, in submission order. */
  readonly orders: Map<string, StoredOrder>;
  /** client_order_id -> order id: Alpaca keeps client ids unique forever, whatever became of the order. */
  readonly clientOrderIds: Map<string, string>;
  /** The next order's submission sequence number. */
  nextSeq: number;
  /** Trade updates (new, fill, canceled ...) as they happen; the /stream websocket listens here. */
  readonly events: TradeEventBus;
}

export function createExchangeState(scenario: MarketScenario, wallMs: number = Date.now()): ExchangeState {
  const now = new Date(scenario.clock.getTime());
  return {
    now,
    clockAnchor: { now, wallMs },
    cash: scenario.account.cash,
    positions: new Map(scenario.positions.map((p) => [p.symbol.toUpperCase(), { qty: p.qty, avgEntryPrice: p.avgEntryPrice }])),
    orders: new Map(),
    clientOrderIds: new Map(),
    nextSeq: 1,
    events: new TradeEventBus(),
  };
}

/**
 * The time orders live by: the clock as last set plus the wall-clock time since, so a fill lands after its
 * submission. The one place that decides "now" for submissions, fills, expiry and the open/closed question.
 */
export function exchangeNow(state: ExchangeState, wallMs: number): Date {
  if (state.clockAnchor.now !== state.now) state.clockAnchor = { now: state.now, wallMs };
  return new Date(state.now.getTime() + Math.max(wallMs - state.clockAnchor.wallMs, 0));
}

/** Moves the exchange clock to `to` as of the wall-clock reading `wallMs`. */
export function setExchangeClock(state: ExchangeState, to: Date, wallMs: number): void {
  state.now = new Date(to.getTime());
  state.clockAnchor = { now: state.now, wallMs };
}
