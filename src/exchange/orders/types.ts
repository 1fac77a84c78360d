/** The order lifecycle as the local exchange models it: a subset of Alpaca's OrderStatus. */
export type OrderStatus = 'accepted' | 'new' | 'partially_filled' | 'filled' | 'canceled' | 'expired' | 'rejected';

export const OPEN_STATUSES: ReadonlySet<OrderStatus> = new Set(['accepted', 'new', 'partially_filled']);

export const isOpen = (order: StoredOrder): boolean => OPEN_STATUSES.has(order.status);

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';
export type TimeInForce = 'day' | 'gtc';
export type PositionIntent = 'buy_to_open' | 'buy_to_close' | 'sell_to_open' | 'sell_to_close';

/**
 * One order as the exchange keeps it. Mutable on purpose: the engine moves it through its lifecycle in place.
 * Times are ISO strings and amounts plain numbers, so the record persists as JSON without conversion.
 */
export interface StoredOrder {
  readonly id: string;
  readonly clientOrderId: string;
  /** Submission sequence: breaks ties between orders submitted in the same millisecond. */
  readonly seq: number;
  readonly symbol: string;
  readonly assetId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** Exactly one of qty and notional is set. */
  readonly qty: number | null;
  readonly notional: number | null;
  readonly limitPrice: number | null;
  readonly extendedHours: boolean;
  readonly positionIntent: PositionIntent;
  status: OrderStatus;
  filledQty: number;
  filledAvgPrice: number | null;
  /** True once no further execution will happen (a never-fill symbol, or a partial fill that stays partial). */
  resting: boolean;
  readonly submittedAt: string;
  updatedAt: string;
  filledAt: string | null;
  canceledAt: string | null;
  expiredAt: string | null;
  failedAt: string | null;
  /** When an open order expires: the close of its session (day) or 90 days on (gtc). */
  readonly expiresAt: string;
}

/** A validated POST /v2/orders body. */
export interface OrderRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly qty: number | null;
  readonly notional: number | null;
  readonly limitPrice: number | null;
  readonly extendedHours: boolean;
  readonly clientOrderId: string | null;
  readonly positionIntent: PositionIntent | null;
}
