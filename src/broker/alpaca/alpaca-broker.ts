import { z } from 'zod';
import type { Account, Asset, MarketClock, OpenOrder, Position } from '../../domain/index.js';
import { BrokerError, type Broker } from '../port.js';
import type { AlpacaClient } from './client.js';
import { callAlpaca, unexpectedResponse } from './errors.js';
import { accountSchema, assetSchema, clockSchema, openOrderSchema, positionSchema } from './schemas.js';

/** Alpaca's maximum page size for GET /v2/orders. */
const ORDERS_PAGE_LIMIT = 500;

function parse<S extends z.ZodType>(schema: S, data: unknown, action: string): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw unexpectedResponse(action, result.error);
  return result.data;
}

/** The Broker port over Alpaca's official SDK; the same code talks to Alpaca and to the local exchange. */
export class AlpacaBroker implements Broker {
  readonly isLive: boolean;

  constructor(
    private readonly client: AlpacaClient,
    private readonly ordersPageLimit = ORDERS_PAGE_LIMIT,
  ) {
    this.isLive = client.isLive;
  }

  private call<T>(action: string, work: () => Promise<T>): Promise<T> {
    return callAlpaca(action, this.client.redact, work);
  }

  private get trading() {
    return this.client.sdk.trading;
  }

  async getAccount(): Promise<Account> {
    const action = 'reading the account';
    return parse(accountSchema, await this.call(action, () => this.trading.account.getAccount()), action);
  }

  async getPositions(): Promise<readonly Position[]> {
    const action = 'reading the positions';
    const raw = await this.call(action, () => this.trading.positions.getAllOpenPositions());
    return parse(z.array(positionSchema), raw, action);
  }

  async getClock(): Promise<MarketClock> {
    const action = 'reading the market clock';
    // legacyClock is GET /v2/clock; the SDK's clock() is the multi-market /v3/clock.
    return parse(clockSchema, await this.call(action, () => this.trading.clock.legacyClock()), action);
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
      const raw = await this.call(action, () =>
        this.trading.assets.getV2Assets({ status, assetClass: 'us_equity' }),
      );
      for (const asset of parse(z.array(assetSchema), raw, action)) {
        if (wanted.has(asset.symbol) && !found.has(asset.symbol)) found.set(asset.symbol, asset);
      }
    }
    return found;
  }

  /** All open orders, newest first, following Alpaca's pages by order id (ties in submission time stay exact). */
  async getOpenOrders(): Promise<readonly OpenOrder[]> {
    const orders: OpenOrder[] = [];
    const seen = new Set<string>();
    let beforeOrderId: string | undefined;
    for (;;) {
      const action = 'listing open orders';
      const raw = await this.call(action, () =>
        this.trading.orders.getAllOrders({
          status: 'open',
          direction: 'desc',
          limit: this.ordersPageLimit,
          ...(beforeOrderId === undefined ? {} : { beforeOrderId }),
        }),
      );
      const page = parse(z.array(openOrderSchema), raw, action);
      for (const order of page) {
        // A page repeating an order means the server ignored before_order_id; stop rather than loop forever.
        if (seen.has(order.id)) throw new BrokerError('fatal', `Alpaca repeated order ${order.id} while ${action}`);
        seen.add(order.id);
        orders.push(order);
      }
      const last = page.at(-1);
      if (page.length < this.ordersPageLimit || last === undefined) return orders;
      beforeOrderId = last.id;
    }
  }
}
