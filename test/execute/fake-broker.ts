/**
 * A scripted broker behind the Broker port, for in-process tests of the executor, the order tracker and the leftover
 * settlement. Orders fill (or not) as each symbol's script says; the test moves them on with step()/settle(), so races
 * between the stream and polls are written out, not left to timers.
 */
import { BrokerError, type Broker } from '../../src/broker/port.js';
import type {
  Account,
  Asset,
  BrokerOrder,
  MarketClock,
  OpenOrder,
  OrderRequest,
  OrderStatus,
  Position,
  SubmitOutcome,
  TradeUpdate,
  TradingDay,
} from '../../src/domain/index.js';
import { isFinalOrderStatus } from '../../src/domain/index.js';

/** How the broker treats orders of one symbol. */
export interface SymbolScript {
  /** Refused at submission (HTTP 403), like insufficient buying power. */
  readonly reject?: boolean;
  /** Accepted and then left working: never fills. */
  readonly neverFill?: boolean;
  /** Share of the quantity that fills; the rest stays working. Default 1. */
  readonly fillShare?: number;
  /** Cancelling answers 422 "order is not cancelable" and the order fills in full meanwhile. */
  readonly cancelRefusedWhileFilling?: boolean;
}

export interface FakeBrokerOptions {
  readonly cash?: number;
  readonly positions?: Readonly<Record<string, number>>;
  readonly prices?: Readonly<Record<string, number>>;
  readonly scripts?: Readonly<Record<string, SymbolScript>>;
  /** The broker's time, far from the test's own clock unless said otherwise. */
  readonly clock?: string;
  readonly stream?: boolean;
  /** Polls answer with each order as it was one change ago (a list answered before the latest event). */
  readonly stalePolls?: boolean;
  /** When false, fills wait for an explicit step(); when true (default) each order moves on by itself. */
  readonly autoFill?: boolean;
  /** Earlier orders of the account (other runs, other days). */
  readonly history?: readonly BrokerOrder[];
  /** Positions are read as they were before the last fill (a broker slow to book the sale). */
  readonly stalePositions?: boolean;
}

export class FakeBroker implements Broker {
  readonly submitted: OrderRequest[] = [];
  readonly cancels: string[] = [];
  readonly listQueries: { status: string; after?: string }[] = [];
  readonly orders = new Map<string, BrokerOrder>();
  private readonly previous = new Map<string, BrokerOrder>();
  private readonly positions: Map<string, number>;
  private positionsBeforeLastFill: Map<string, number>;
  private cash: number;
  private listener: ((update: TradeUpdate) => void) | undefined;
  private sequence = 0;
  private readonly clock: string;

  constructor(private readonly options: FakeBrokerOptions = {}) {
    this.positions = new Map(Object.entries(options.positions ?? {}));
    this.positionsBeforeLastFill = new Map(this.positions);
    this.cash = options.cash ?? 10_000;
    this.clock = options.clock ?? '2024-03-15T15:00:00.000Z';
    for (const order of options.history ?? []) this.orders.set(order.id, order);
  }

  private script(symbol: string): SymbolScript {
    return this.options.scripts?.[symbol] ?? {};
  }

  private price(symbol: string): number {
    return this.options.prices?.[symbol] ?? 100;
  }

  getAccount(): Promise<Account> {
    return Promise.resolve({ equity: this.cash, cash: this.cash, buyingPower: this.cash, status: 'ACTIVE', tradingBlocked: false, accountBlocked: false });
  }

  getPositions(): Promise<readonly Position[]> {
    const source = this.options.stalePositions === true ? this.positionsBeforeLastFill : this.positions;
    return Promise.resolve(
      [...source].filter(([, qty]) => qty !== 0).map(([symbol, qty]) => ({ symbol, assetClass: 'us_equity', qty, avgEntryPrice: this.price(symbol), currentPrice: this.price(symbol), marketValue: qty * this.price(symbol) })),
    );
  }

  getClock(): Promise<MarketClock> {
    return Promise.resolve({ timestamp: this.clock, isOpen: true, nextOpen: '2024-03-18T13:30:00Z', nextClose: '2024-03-15T20:00:00Z' });
  }

  getCalendar(): Promise<readonly TradingDay[]> {
    return Promise.resolve([]);
  }

  getAssets(): Promise<ReadonlyMap<string, Asset>> {
    return Promise.resolve(new Map());
  }

  getOpenOrders(): Promise<readonly OpenOrder[]> {
    return Promise.resolve([...this.orders.values()].filter((o) => !isFinalOrderStatus(o.status)).map((o) => ({ ...o, assetClass: 'us_equity' })));
  }

  submitOrder(request: OrderRequest): Promise<SubmitOutcome> {
    this.submitted.push(request);
    if ([...this.orders.values()].some((o) => o.clientOrderId === request.clientOrderId)) {
      return Promise.resolve({ kind: 'rejected', status: 422, message: 'client_order_id must be unique' });
    }
    if (this.script(request.symbol).reject === true) return Promise.resolve({ kind: 'rejected', status: 403, message: 'insufficient buying power' });
    this.sequence += 1;
    const order: BrokerOrder = {
      id: `order-${this.sequence}`,
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      qty: request.qty,
      status: 'accepted',
      filledQty: 0,
      filledAvgPrice: null,
      submittedAt: new Date(Date.parse(this.clock) + this.sequence).toISOString(),
    };
    this.orders.set(order.id, order);
    if (this.options.autoFill !== false) setTimeout(() => this.settle(order.id), 0);
    return Promise.resolve({ kind: 'accepted', order });
  }

  /** Moves an order one step: accepted -> new -> (partially_)filled as scripted. */
  step(orderId: string): BrokerOrder {
    const order = this.must(orderId);
    if (isFinalOrderStatus(order.status)) return order;
    const script = this.script(order.symbol);
    if (order.status === 'accepted') return this.update(order, { status: 'new' }, 'new');
    if (script.neverFill === true) return order;
    const share = script.fillShare ?? 1;
    const filledQty = Math.round(order.qty * share * 1e9) / 1e9;
    if (filledQty === order.filledQty) return order;
    return this.fill(order, filledQty);
  }

  /** Steps an order until it stops moving. */
  settle(orderId: string): BrokerOrder {
    let order = this.must(orderId);
    for (;;) {
      const next = this.step(orderId);
      if (next === order) return next;
      order = next;
    }
  }

  private fill(order: BrokerOrder, filledQty: number): BrokerOrder {
    const delta = filledQty - order.filledQty;
    const held = this.positions.get(order.symbol) ?? 0;
    this.positionsBeforeLastFill = new Map(this.positions);
    const price = this.price(order.symbol);
    this.positions.set(order.symbol, Math.round((held + (order.side === 'buy' ? delta : -delta)) * 1e9) / 1e9);
    this.cash += (order.side === 'buy' ? -1 : 1) * delta * price;
    const status: OrderStatus = filledQty === order.qty ? 'filled' : 'partially_filled';
    return this.update(order, { status, filledQty, filledAvgPrice: price }, status === 'filled' ? 'fill' : 'partial_fill');
  }

  getOrder(orderId: string): Promise<BrokerOrder> {
    const order = this.orders.get(orderId);
    return order === undefined ? Promise.reject(new BrokerError('rejected', `no order ${orderId}`, 404)) : Promise.resolve(order);
  }

  getOrderByClientOrderId(clientOrderId: string): Promise<BrokerOrder | undefined> {
    return Promise.resolve([...this.orders.values()].find((o) => o.clientOrderId === clientOrderId));
  }

  listOrders(query: { readonly status: 'open' | 'closed' | 'all'; readonly after?: string }): Promise<readonly BrokerOrder[]> {
    this.listQueries.push({ ...query });
    const after = query.after === undefined ? -Infinity : Date.parse(query.after);
    const stale = this.options.stalePolls === true;
    return Promise.resolve(
      [...this.orders.values()]
        .map((o) => (stale ? (this.previous.get(o.id) ?? o) : o))
        .filter((o) => Date.parse(o.submittedAt) > after)
        .filter((o) => query.status === 'all' || (query.status === 'open') === !isFinalOrderStatus(o.status)),
    );
  }

  cancelOrder(orderId: string): Promise<void> {
    this.cancels.push(orderId);
    const order = this.must(orderId);
    if (isFinalOrderStatus(order.status)) return Promise.resolve();
    if (this.script(order.symbol).cancelRefusedWhileFilling === true) {
      this.fill(order, order.qty);
      return Promise.reject(new BrokerError('rejected', 'Alpaca refused cancelling order (HTTP 422: order is not cancelable)', 422));
    }
    this.update(order, { status: 'canceled' }, 'canceled');
    return Promise.resolve();
  }

  streamTradeUpdates(onUpdate: (update: TradeUpdate) => void): Promise<{ close(): Promise<void> }> {
    if (this.options.stream === false) return Promise.reject(new BrokerError('retryable', 'stream unavailable'));
    this.listener = onUpdate;
    return Promise.resolve({ close: () => ((this.listener = undefined), Promise.resolve()) });
  }

  /** Sends an event on the stream as if the broker had, without changing the order. */
  emit(event: string, order: BrokerOrder): void {
    this.listener?.({ event, order });
  }

  held(symbol: string): number {
    return this.positions.get(symbol) ?? 0;
  }

  private update(order: BrokerOrder, change: Partial<BrokerOrder>, event: string): BrokerOrder {
    const next = { ...order, ...change };
    this.previous.set(order.id, order);
    this.orders.set(order.id, next);
    this.emit(event, next);
    return next;
  }

  private must(orderId: string): BrokerOrder {
    const order = this.orders.get(orderId);
    if (order === undefined) throw new Error(`fake broker: no order ${orderId}`);
    return order;
  }
}
