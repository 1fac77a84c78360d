import type { OrderSide } from './account.js';

/** Every order status in Alpaca's Trading API spec (OrderStatus, v2.0.1). */
export const ORDER_STATUSES = [
  'new',
  'partially_filled',
  'filled',
  'done_for_day',
  'canceled',
  'expired',
  'replaced',
  'pending_cancel',
  'pending_replace',
  'accepted',
  'pending_new',
  'accepted_for_bidding',
  'stopped',
  'rejected',
  'suspended',
  'calculated',
  'held',
] as const;

export type KnownOrderStatus = (typeof ORDER_STATUSES)[number];

/** A status the broker sent that this version does not know; kept verbatim so it can be reported. */
export type UnknownOrderStatus = `unknown:${string}`;

export type OrderStatus = KnownOrderStatus | UnknownOrderStatus;

/**
 * Statuses after which an order can no longer fill (in this session, for our day orders). From the spec's text:
 * filled, canceled, expired, rejected: "no further updates will occur"; replaced: the order lives on under another
 * id; done_for_day: "done executing for the day" (our orders are day orders, so nothing more comes of them);
 * calculated: "completed for the day (either filled or done for day)", only settlement is pending.
 * Everything else, held/stopped/suspended/pending_* included, may still fill.
 */
export const FINAL_ORDER_STATUSES = [
  'filled',
  'canceled',
  'expired',
  'rejected',
  'replaced',
  'done_for_day',
  'calculated',
] as const satisfies readonly KnownOrderStatus[];

const KNOWN = new Set<string>(ORDER_STATUSES);
const FINAL = new Set<string>(FINAL_ORDER_STATUSES);

/** Parses the broker's text; a status this version does not know is `unknown:<text>`, never an error. */
export function toOrderStatus(text: string): OrderStatus {
  return KNOWN.has(text) ? (text as KnownOrderStatus) : `unknown:${text}`;
}

/** True once nothing more can fill. */
export function isFinalOrderStatus(status: OrderStatus): boolean {
  return FINAL.has(status);
}

/**
 * True while the order may still fill. An unknown status counts as open: an order we do not understand may still
 * execute, so it is never taken for done (it is cancelled and waited for like any working order).
 */
export function isOpenOrderStatus(status: OrderStatus): boolean {
  return !isFinalOrderStatus(status);
}

export function isUnknownOrderStatus(status: OrderStatus): status is UnknownOrderStatus {
  return status.startsWith('unknown:');
}

/** A market, day order as the executor submits it. */
export interface OrderRequest {
  /** Deterministic, at most 48 characters: resubmitting the same order is detected by the broker. */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qty: number;
  readonly type: 'market';
  readonly timeInForce: 'day';
}

/** An order as the broker reports it. */
export interface BrokerOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qty: number;
  readonly status: OrderStatus;
  readonly filledQty: number;
  readonly filledAvgPrice: number | null;
  /** ISO 8601; when the broker accepted it. */
  readonly submittedAt: string;
}

/** An order that is still working at the broker (not in a final state): what the planner's gates look at. */
export type OpenOrder = Pick<BrokerOrder, 'id' | 'clientOrderId' | 'symbol' | 'side' | 'qty' | 'status'>;

/** What became of a submission. Rejected means the broker said no (not our own pre-trade checks: those deny). */
export type SubmitOutcome =
  | { readonly kind: 'accepted'; readonly order: BrokerOrder; readonly note?: string }
  | { readonly kind: 'rejected'; readonly status: number; readonly message: string };

/** One event of Alpaca's trade_updates stream. */
export interface TradeUpdate {
  readonly event: string;
  readonly order: BrokerOrder;
}

export interface TradingDay {
  readonly date: string;
  readonly open: string;
  readonly close: string;
}
