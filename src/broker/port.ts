import type {
  Account,
  Asset,
  BrokerOrder,
  MarketClock,
  OpenOrder,
  OrderRequest,
  Position,
  SubmitOutcome,
  TradeUpdate,
  TradingDay,
} from '../domain/index.js';

/** What the pipeline needs from a brokerage account. Adapters live beside this file. */
export interface Broker {
  getAccount(): Promise<Account>;
  getPositions(): Promise<readonly Position[]>;
  getClock(): Promise<MarketClock>;
  /** Trading days (NYSE sessions) from start to end, YYYY-MM-DD, inclusive. */
  getCalendar(start: string, end: string): Promise<readonly TradingDay[]>;
  /** Assets by symbol; a symbol the broker does not know is absent from the map. */
  getAssets(symbols: readonly string[]): Promise<ReadonlyMap<string, Asset>>;
  getOpenOrders(): Promise<readonly OpenOrder[]>;

  /**
   * Submits once. Never blindly retried: when the outcome is unknown (timeout, connection reset, 5xx) the order is
   * looked up by its client order id first; a 422 "client_order_id must be unique" means it was accepted earlier.
   */
  submitOrder(request: OrderRequest): Promise<SubmitOutcome>;
  getOrder(orderId: string): Promise<BrokerOrder>;
  getOrderByClientOrderId(clientOrderId: string): Promise<BrokerOrder | undefined>;
  /** Orders (all statuses) submitted at or after `after` (ISO 8601), every page. */
  listOrders(query: { readonly status: 'open' | 'closed' | 'all'; readonly after?: string }): Promise<readonly BrokerOrder[]>;
  /** Asks to cancel; an order that is already final is not an error. */
  cancelOrder(orderId: string): Promise<void>;
  /**
   * Streams trade updates (Alpaca's trade_updates) until closed. Resolves once listening; rejects when the stream
   * cannot be had, and the caller falls back to polling.
   */
  streamTradeUpdates(onUpdate: (update: TradeUpdate) => void): Promise<{ close(): Promise<void> }>;
}

/** How a broker failure should be treated, decided once at the adapter edge. */
export type BrokerErrorKind = 'auth' | 'retryable' | 'rejected' | 'fatal';

export class BrokerError extends Error {
  constructor(
    readonly kind: BrokerErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'BrokerError';
  }
}
