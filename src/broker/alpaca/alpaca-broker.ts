import * as z from 'zod';
import {
  isFinalOrderStatus,
  isStockOrder,
  type Account,
  type Asset,
  type BrokerOrder,
  type MarketClock,
  type OpenOrder,
  type OrderRequest,
  type Position,
  type SubmitOutcome,
  type TradeUpdate,
  type TradingDay,
} from '../../domain/index.js';
import { BrokerError, type Broker } from '../port.js';
import { DEFAULT_BACKOFF, withRetries, type Backoff } from './backoff.js';
import { calendarQuery } from './calendar-range.js';
import type { AlpacaClient } from './client.js';
import { callAlpaca, isRetryable, isTimeout, unexpectedResponse } from './errors.js';
import { allOrderPages, ORDERS_PAGE_LIMIT, type OrdersPageQuery } from './order-pages.js';
import {
  accountSchema,
  assetSchema,
  brokerOrderSchema,
  clockSchema,
  openOrderSchema,
  positionSchema,
  tradingDaySchema,
} from './schemas.js';
import { submitMarketOrder, type MarketOrderBody } from './submit-order.js';
import { openTradeStream, STREAM_OPEN_TIMEOUT_MS } from './trade-stream.js';

export interface AlpacaBrokerOptions {
  /** Page size of GET /v2/orders; Alpaca's maximum by default. */
  readonly ordersPageLimit?: number;
  /** Waits between the adapter's own retries (order lookups, cancels, rate-limit resets). */
  readonly backoff?: Backoff;
  /** How long streamTradeUpdates waits for the 'listening' confirmation. */
  readonly streamTimeoutMs?: number;
}

/** Reads (GETs) are retried this many times in all by the adapter, on top of the SDK's own retries. */
const READ_ATTEMPTS = 3;

/** One order of a listing, kept as sent until it is known to be a stock order. */
const listedOrderSchema = z.looseObject({ id: z.string().min(1) }).transform((raw) => ({ id: raw.id, raw }));

function parse<S extends z.ZodType>(schema: S, data: unknown, action: string): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw unexpectedResponse(action, result.error);
  return result.data;
}

/** The Broker port over Alpaca's official SDK; the same code talks to Alpaca and to the local exchange. */
export class AlpacaBroker implements Broker {
  private readonly ordersPageLimit: number;
  private readonly backoff: Backoff;
  private readonly streamTimeoutMs: number;

  constructor(
    private readonly client: AlpacaClient,
    options: AlpacaBrokerOptions = {},
  ) {
    this.ordersPageLimit = options.ordersPageLimit ?? ORDERS_PAGE_LIMIT;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.streamTimeoutMs = options.streamTimeoutMs ?? STREAM_OPEN_TIMEOUT_MS;
  }

  /**
   * A GET: the SDK already retried it (when its retry is on); this adds retries that wait out an announced
   * rate-limit reset or a longer outage, since a read can be repeated without effect.
   */
  private read<T>(action: string, work: () => Promise<T>): Promise<T> {
    return callAlpaca(action, this.client.redact, () =>
      withRetries(work, { attempts: READ_ATTEMPTS, backoff: this.backoff, retryable: this.retryable }),
    );
  }

  // Timeouts are left out: each already waited timeoutMs, and a stalled host deserves a report, not minutes more.
  private readonly retryable = (error: unknown): boolean => isRetryable(error, this.client.redact) && !isTimeout(error);

  private get trading() {
    return this.client.sdk.trading;
  }

  async getAccount(): Promise<Account> {
    const action = 'reading the account';
    return parse(accountSchema, await this.read(action, () => this.trading.account.getAccount()), action);
  }

  async getPositions(): Promise<readonly Position[]> {
    const action = 'reading the positions';
    const raw = await this.read(action, () => this.trading.positions.getAllOpenPositions());
    return parse(z.array(positionSchema), raw, action);
  }

  async getClock(): Promise<MarketClock> {
    const action = 'reading the market clock';
    // legacyClock is GET /v2/clock; the SDK's clock() is the multi-market /v3/clock.
    return parse(clockSchema, await this.read(action, () => this.trading.clock.legacyClock()), action);
  }

  async getCalendar(start: string, end: string): Promise<readonly TradingDay[]> {
    const action = `reading the trading calendar ${start}..${end}`;
    const query = calendarQuery(start, end);
    // legacyCalendar is GET /v2/calendar; the SDK's calendar() is /v3/calendar/{market}.
    const raw = await this.read(action, () => this.trading.calendar.legacyCalendar(query));
    return parse(z.array(tradingDaySchema), raw, action).filter((day) => day.date >= start && day.date <= end);
  }

  /**
   * Lists all active US equities in one request (a few MB for ~12k assets) instead of one request per symbol:
   * 500 single lookups would take ~2.5 min under Alpaca's 200 requests/min limit. Symbols still missing are looked
   * for in the inactive list (one more request), so delisted names come back as 'inactive', not as unknown.
   */
  async getAssets(symbols: readonly string[]): Promise<ReadonlyMap<string, Asset>> {
    const wanted = new Set(symbols);
    const found = new Map<string, Asset>();
    for (const status of ['active', 'inactive'] as const) {
      if (found.size === wanted.size) break;
      const action = `listing ${status} assets`;
      const raw = await this.read(action, () => this.trading.assets.getV2Assets({ status, assetClass: 'us_equity' }));
      for (const asset of parse(z.array(assetSchema), raw, action)) {
        if (wanted.has(asset.symbol) && !found.has(asset.symbol)) found.set(asset.symbol, asset);
      }
    }
    return found;
  }

  /** All open orders, newest first. */
  getOpenOrders(): Promise<readonly OpenOrder[]> {
    return this.orderPages({ status: 'open' }, z.array(openOrderSchema), 'listing open orders');
  }

  /** Stock orders only: the executor tracks its own orders, and an options or crypto order is none of them. */
  async listOrders(query: { readonly status: 'open' | 'closed' | 'all'; readonly after?: string }): Promise<readonly BrokerOrder[]> {
    const action = `listing ${query.status} orders${query.after === undefined ? '' : ` since ${query.after}`}`;
    const all = await this.orderPages(query, z.array(listedOrderSchema), action);
    return all.filter((o) => isStockOrder(parse(openOrderSchema, o.raw, action))).map((o) => parse(brokerOrderSchema, o.raw, action));
  }

  private orderPages<T extends { readonly id: string }>(
    query: { readonly status: OrdersPageQuery['status']; readonly after?: string },
    schema: z.ZodType<readonly T[]>,
    action: string,
  ): Promise<readonly T[]> {
    return allOrderPages(
      query,
      this.ordersPageLimit,
      async (page) => parse(schema, await this.read(action, () => this.trading.orders.getAllOrders(page)), action),
      action,
    );
  }

  submitOrder(request: OrderRequest): Promise<SubmitOutcome> {
    return submitMarketOrder(request, {
      post: (body) => this.postOrder(body),
      lookup: (clientOrderId) => this.getOrderByClientOrderId(clientOrderId),
      redact: this.client.redact,
      backoff: this.backoff,
    });
  }

  /** One POST, never retried here (the SDK never retries a POST either): submitMarketOrder decides what follows. */
  private async postOrder(body: MarketOrderBody): Promise<BrokerOrder> {
    const raw = await this.trading.orders.postOrder({ postOrderRequest: body });
    return parse(brokerOrderSchema, raw, `placing order ${body.clientOrderId}`);
  }

  async getOrder(orderId: string): Promise<BrokerOrder> {
    const action = `reading order ${orderId}`;
    return parse(brokerOrderSchema, await this.read(action, () => this.trading.orders.getOrderByOrderID({ orderId })), action);
  }

  async getOrderByClientOrderId(clientOrderId: string): Promise<BrokerOrder | undefined> {
    const action = `looking up client order id ${clientOrderId}`;
    try {
      const raw = await this.read(action, () => this.trading.orders.getOrderByClientOrderId({ clientOrderId }));
      return parse(brokerOrderSchema, raw, action);
    } catch (error) {
      if (error instanceof BrokerError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * Cancelling is idempotent, so unlike a POST it is retried when the outcome is unknown. Alpaca answers 422 for an
   * order it can no longer cancel; if that order is final (or already being cancelled) there is nothing to do.
   */
  async cancelOrder(orderId: string): Promise<void> {
    const action = `cancelling order ${orderId}`;
    try {
      await callAlpaca(action, this.client.redact, () =>
        withRetries(() => this.trading.orders.deleteOrderByOrderID({ orderId }), {
          attempts: READ_ATTEMPTS,
          backoff: this.backoff,
          retryable: this.retryable,
        }),
      );
    } catch (error) {
      if (!(error instanceof BrokerError) || error.status !== 422) throw error;
      const order = await this.getOrder(orderId);
      if (isFinalOrderStatus(order.status) || order.status === 'pending_cancel') return;
      throw error;
    }
  }

  streamTradeUpdates(onUpdate: (update: TradeUpdate) => void): Promise<{ close(): Promise<void> }> {
    return openTradeStream(this.client, onUpdate, this.streamTimeoutMs);
  }
}
