/**
 * The backtest's broker: the same port a live run talks to, answering in-process from the ledger and the simulated
 * market. A market order fills in full when it is submitted, at the day's close (or open) moved against the trader
 * by the slippage, plus commission; the checks are Alpaca's for a cash account (buying power = cash, no selling
 * shares not held). Everything before the fill values holdings at the previous close, as a run at 15:45 sees them.
 */
import { BrokerError, type Broker } from '../broker/port.js';
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
import { sessionsBetween } from '../exchange/calendar/index.js';
import type { Ledger } from './ledger.js';
import type { SimulatedMarket } from './sim-market.js';

export interface FillRules {
  readonly fillPrice: 'close' | 'open';
  readonly slippageBps: number;
  readonly commission: { readonly perShare: number; readonly minimum: number };
}

export interface SimulatedFill {
  readonly order: BrokerOrder;
  readonly marketPrice: number;
  readonly fillPrice: number;
  readonly cost: number;
}

const EPSILON = 1e-9;

export function commissionOf(qty: number, rules: FillRules): number {
  const { perShare, minimum } = rules.commission;
  if (perShare === 0 && minimum === 0) return 0;
  return Math.max(perShare * qty, minimum);
}

/** The fill price of a market order: the market price moved against the trader, rounded to the cent as US stocks trade. */
export function slippedPrice(marketPrice: number, side: 'buy' | 'sell', slippageBps: number): number {
  const moved = marketPrice * (1 + (side === 'buy' ? 1 : -1) * (slippageBps / 10_000));
  const scale = moved >= 1 ? 100 : 10_000;
  return Math.round(moved * scale) / scale;
}

export class SimulatedBroker implements Broker {
  private readonly orders: BrokerOrder[] = [];
  private readonly byClientId = new Map<string, BrokerOrder>();
  private sequence = 0;

  constructor(
    private readonly market: SimulatedMarket,
    private readonly ledger: Ledger,
    private readonly rules: FillRules,
    private readonly onFill: (fill: SimulatedFill) => void,
  ) {}

  getAccount(): Promise<Account> {
    const equity = this.ledger.cash + this.ledger.invested((s) => this.valuationPrice(s), this.market.today);
    return Promise.resolve({ equity, cash: this.ledger.cash, buyingPower: Math.max(0, this.ledger.cash), status: 'ACTIVE', tradingBlocked: false, accountBlocked: false });
  }

  getPositions(): Promise<readonly Position[]> {
    const positions: Position[] = [];
    for (const [symbol, h] of this.ledger.positions()) {
      const price = this.valuationPrice(symbol) ?? h.basis;
      positions.push({ symbol, assetClass: 'us_equity', qty: h.qty, avgEntryPrice: h.basis, currentPrice: price, marketValue: h.qty * price });
    }
    return Promise.resolve(positions);
  }

  getClock(): Promise<MarketClock> {
    return Promise.resolve(this.market.clock());
  }

  getCalendar(start: string, end: string): Promise<readonly TradingDay[]> {
    return Promise.resolve(sessionsBetween(start, end));
  }

  getAssets(symbols: readonly string[]): Promise<ReadonlyMap<string, Asset>> {
    const assets = new Map<string, Asset>();
    for (const symbol of symbols) {
      if (this.market.bars.has(symbol)) assets.set(symbol, { symbol, status: 'active', tradable: true, fractionable: true });
    }
    return Promise.resolve(assets);
  }

  getOpenOrders(): Promise<readonly OpenOrder[]> {
    // Every order fills or is refused when submitted: none is ever left working.
    return Promise.resolve([]);
  }

  submitOrder(request: OrderRequest): Promise<SubmitOutcome> {
    if (this.byClientId.has(request.clientOrderId)) return Promise.resolve({ kind: 'rejected', status: 422, message: 'client_order_id must be unique' });
    const marketPrice = this.marketPrice(request.symbol);
    if (marketPrice === undefined) return Promise.resolve({ kind: 'rejected', status: 422, message: `asset "${request.symbol}" has no price yet` });
    if (!(request.qty > 0)) return Promise.resolve({ kind: 'rejected', status: 422, message: 'qty must be > 0' });
    const fillPrice = slippedPrice(marketPrice, request.side, this.rules.slippageBps);
    const commission = commissionOf(request.qty, this.rules);
    if (request.side === 'sell') {
      const held = this.ledger.qtyOf(request.symbol);
      if (request.qty > held + EPSILON) {
        return Promise.resolve({ kind: 'rejected', status: 403, message: `insufficient qty available for order (requested: ${request.qty}, available: ${held})` });
      }
    } else if (request.qty * fillPrice + commission > this.ledger.cash + EPSILON) {
      return Promise.resolve({ kind: 'rejected', status: 403, message: 'insufficient buying power' });
    }
    this.ledger.book({ symbol: request.symbol, side: request.side, qty: request.qty, marketPrice, fillPrice, commission });
    const order: BrokerOrder = {
      id: `sim-${++this.sequence}`,
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      qty: request.qty,
      status: 'filled',
      filledQty: request.qty,
      filledAvgPrice: fillPrice,
      submittedAt: this.market.now.toISOString(),
    };
    this.orders.push(order);
    this.byClientId.set(order.clientOrderId, order);
    this.onFill({ order, marketPrice, fillPrice, cost: (request.side === 'buy' ? fillPrice - marketPrice : marketPrice - fillPrice) * request.qty + commission });
    return Promise.resolve({ kind: 'accepted', order });
  }

  getOrder(orderId: string): Promise<BrokerOrder> {
    const order = this.orders.find((o) => o.id === orderId);
    if (order === undefined) return Promise.reject(new BrokerError('rejected', `order ${orderId} not found`, 404));
    return Promise.resolve(order);
  }

  getOrderByClientOrderId(clientOrderId: string): Promise<BrokerOrder | undefined> {
    return Promise.resolve(this.byClientId.get(clientOrderId));
  }

  listOrders(query: { readonly status: 'open' | 'closed' | 'all'; readonly after?: string }): Promise<readonly BrokerOrder[]> {
    if (query.status === 'open') return Promise.resolve([]);
    const after = query.after === undefined ? 0 : Date.parse(query.after);
    const found: BrokerOrder[] = [];
    // Newest first, as Alpaca lists them; orders are appended in time order, so stop at the first older one.
    for (let i = this.orders.length - 1; i >= 0; i--) {
      const order = this.orders[i] as BrokerOrder;
      if (Date.parse(order.submittedAt) < after) break;
      found.push(order);
    }
    return Promise.resolve(found);
  }

  cancelOrder(): Promise<void> {
    return Promise.resolve();
  }

  streamTradeUpdates(onUpdate: (update: TradeUpdate) => void): Promise<{ close(): Promise<void> }> {
    void onUpdate;
    // Orders are final when submitted: there is nothing to stream, and nothing to wait for.
    return Promise.resolve({ close: () => Promise.resolve() });
  }

  /** The price an order fills against: today's close or open; a symbol that did not trade today, its last close. */
  private marketPrice(symbol: string): number | undefined {
    const bar = this.market.barToday(symbol);
    if (bar !== undefined) return this.rules.fillPrice === 'open' ? bar.open : bar.close;
    return this.market.closeOnOrBefore(symbol);
  }

  private valuationPrice(symbol: string): number | undefined {
    return this.market.previousClose(symbol) ?? this.market.closeOnOrBefore(symbol);
  }
}
