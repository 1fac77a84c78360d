/**
 * Options, crypto and multileg orders over the real SDK and real HTTP: the adapter reads them without failing and
 * marks what is not a plain US stock, so the planner can leave it alone.
 */
import { describe, expect, it } from 'vitest';
import { AlpacaBroker } from '../../../src/broker/alpaca/alpaca-broker.js';
import { isManagedPosition, isStockOrder, type Bar } from '../../../src/domain/index.js';
import type { OtherOrder } from '../../../src/exchange/scenario.js';
import { expectConformsToSpec } from '../../support/openapi.js';
import { aScenario, HISTORY, useLocalExchange } from './local-exchange.js';

const lastClose = (bars: readonly Bar[]): number => bars[bars.length - 1]?.close ?? Number.NaN;

/**
 * The spec's MultilegOptionsOrderResponse example (two legs), still working: empty symbol and side, asset_class ""
 * and asset_id "" (which the spec's own schema would refuse, so it is not checked against it below).
 */
const MLEG_ORDER: OtherOrder = {
  id: '83f37e9f-6b1f-49ed-8fc6-3e6af716323f',
  client_order_id: '646b1fe6-b212-4f54-94c6-429e7bcdee04',
  created_at: '2024-03-15T14:15:53.677230742Z',
  updated_at: '2024-03-15T14:15:53.725139688Z',
  submitted_at: '2024-03-15T14:15:53.684952901Z',
  filled_at: null,
  expired_at: null,
  canceled_at: null,
  failed_at: null,
  replaced_at: null,
  replaced_by: null,
  replaces: null,
  asset_id: '',
  symbol: '',
  asset_class: '',
  notional: null,
  qty: '1',
  filled_qty: '0',
  filled_avg_price: null,
  order_class: 'mleg',
  order_type: 'limit',
  type: 'limit',
  side: '',
  time_in_force: 'day',
  limit_price: '10',
  stop_price: null,
  status: 'new',
  extended_hours: false,
  legs: [
    { asset_class: 'us_option', symbol: 'AAPL241213C00250000', side: 'buy', ratio_qty: '3', status: 'new', order_class: 'mleg' },
    { asset_class: 'us_option', symbol: 'AAPL241213C00260000', side: 'sell', ratio_qty: '1', status: 'new', order_class: 'mleg' },
  ],
  trail_percent: null,
  trail_price: null,
  hwm: null,
};

/** A crypto order held by the venue (status "held"), with the fields Alpaca sends for a simple order. */
const CRYPTO_ORDER: OtherOrder = {
  ...MLEG_ORDER,
  id: '30a077fa-96f6-4f20-a052-4b921ee2f243',
  client_order_id: 'someone-else-1',
  submitted_at: '2024-03-15T14:20:00Z',
  created_at: '2024-03-15T14:20:00Z',
  symbol: 'BTC/USD',
  asset_id: '276e2673-764b-4ab6-a611-caf665ca6340',
  asset_class: 'crypto',
  side: 'buy',
  order_class: '',
  status: 'held',
  legs: null,
};

const withOthers = aScenario({
  otherPositions: [
    { symbol: 'AAPL250620C00100000', assetClass: 'us_option', qty: 2, avgEntryPrice: 10, currentPrice: 12.5 },
    { symbol: 'BTCUSD', assetClass: 'crypto', qty: 0.5, avgEntryPrice: 60_000, currentPrice: 64_000 },
  ],
  otherOrders: [MLEG_ORDER, CRYPTO_ORDER],
});

describe('AlpacaBroker with holdings and orders that are not US stocks', () => {
  const local = useLocalExchange();

  it('reads option and crypto positions with their asset class; only stocks are managed', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start(withOthers)));
    const positions = await broker.getPositions();
    expect(positions.map((p) => [p.symbol, p.assetClass, isManagedPosition(p)])).toEqual([
      ['AAPL', 'us_equity', true],
      ['MSFT', 'us_equity', true],
      ['AAPL250620C00100000', 'us_option', false],
      ['BTCUSD', 'crypto', false],
    ]);
    // An option contract is 100 shares: 2 contracts at $12.50 are worth $2,500.
    expect(positions.find((p) => p.assetClass === 'us_option')?.marketValue).toBe(2_500);
    expect(positions.find((p) => p.assetClass === 'crypto')?.marketValue).toBe(32_000);
  });

  it('counts them in equity, as Alpaca does', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start(withOthers)));
    const account = await broker.getAccount();
    const stocks = 10 * lastClose(HISTORY.AAPL) + 5.5 * lastClose(HISTORY.MSFT);
    expect(account.equity).toBeCloseTo(50_000 + stocks + 2_500 + 32_000, 2);
  });

  it('reads open orders with a multileg options order in them (empty symbol and side) without failing', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start(withOthers)));
    const placed = await broker.submitOrder({ clientOrderId: 'rb-test-1', symbol: 'AAPL', side: 'sell', qty: 1, type: 'market', timeInForce: 'day' });
    expect(placed.kind).toBe('accepted');
    const open = await broker.getOpenOrders();
    const bySymbol = open.map((o) => [o.id, o.symbol, o.side, o.assetClass, o.status, isStockOrder(o)]);
    expect(bySymbol).toContainEqual([MLEG_ORDER.id, '', null, 'unknown:', 'new', false]);
    expect(bySymbol).toContainEqual([CRYPTO_ORDER.id, 'BTC/USD', 'buy', 'crypto', 'held', false]);
    expect(open.filter(isStockOrder).map((o) => o.clientOrderId)).toEqual(['rb-test-1']);
  });

  it('lists only stock orders to the executor, whatever else the account has working', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start(withOthers)));
    await broker.submitOrder({ clientOrderId: 'rb-test-2', symbol: 'AAPL', side: 'sell', qty: 1, type: 'market', timeInForce: 'day' });
    for (const status of ['open', 'all'] as const) {
      expect((await broker.listOrders({ status })).map((o) => o.clientOrderId)).toEqual(['rb-test-2']);
    }
  });

  it("serves the crypto order and the positions as Alpaca's spec describes them", async () => {
    const exchange = await local.start(withOthers);
    const headers = { 'APCA-API-KEY-ID': 'k', 'APCA-API-SECRET-KEY': 's' };
    const positions = await (await fetch(`${exchange.baseUrl}/v2/positions`, { headers })).json();
    expectConformsToSpec('trading', 'GET', '/v2/positions', 200, positions);
    const crypto = await (await fetch(`${exchange.baseUrl}/v2/orders?status=open&asset_class=crypto`, { headers })).json();
    expect(crypto).toEqual([CRYPTO_ORDER]);
    expectConformsToSpec('trading', 'GET', '/v2/orders', 200, crypto);
  });
});
