import type { OrderSide } from './account.js';

/** Alpaca order statuses after which an order can no longer fill. */
export const FINAL_ORDER_STATUSES = ['filled', 'canceled', 'expired', 'rejected', 'replaced', 'done_for_day'] as const;

export function isFinalOrderStatus(status: string): boolean {
  return (FINAL_ORDER_STATUSES as readonly string[]).includes(status);
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
  readonly status: string;
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
