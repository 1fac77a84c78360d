import { Alpaca, PermissionError, ValidationError } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { createDemoScenario } from '../../../src/exchange/demo/index.js';
import type { RunningExchange } from '../../../src/exchange/server.js';
import { aScenario, anExchange } from '../helpers.js';
import { fillRules, place, waitForStatus } from './support.js';

const TRADING = /^https:\/\/(paper-api|api)\.alpaca\.markets/;

/** The official SDK, unchanged, pointed at the local exchange by rewriting its host. */
function sdkFor(exchange: RunningExchange): Alpaca {
  return new Alpaca({
    keyId: 'local',
    secret: 'local',
    paper: true,
    retry: false,
    rateLimit: false,
    timeoutMs: 5000,
    fetchApi: (url, init) => fetch(String(url).replace(TRADING, exchange.baseUrl), init),
  });
}

describe('the official SDK placing, finding and canceling orders on the local exchange', () => {
  it('places a market order, finds it by client order id, pages with before_order_id, and cancels one and all', async () => {
    const exchange = await anExchange(aScenario({ fills: fillRules({ neverFill: ['AAPL', 'SPY'] }) }));
    const orders = sdkFor(exchange).trading.orders;
    const first = await orders.market({ symbol: 'AAPL', side: 'buy', qty: '2', clientOrderId: 'sdk-1' });
    const second = await orders.market({ symbol: 'SPY', side: 'buy', notional: '100.5', clientOrderId: 'sdk-2' });
    expect([first.status, first.qty, second.notional, second.qty ?? null]).toEqual(['new', '2', '100.5', null]);
    const [firstId, secondId] = [first.id, second.id];
    if (firstId === undefined || secondId === undefined) throw new Error('orders came back without ids');

    expect((await orders.getOrderByClientOrderId({ clientOrderId: 'sdk-1' })).id).toBe(first.id);
    expect((await orders.getAllOrders({ limit: 1 })).map((o) => o.id)).toEqual([secondId]);
    expect((await orders.getAllOrders({ limit: 1, beforeOrderId: secondId })).map((o) => o.id)).toEqual([firstId]);

    await orders.deleteOrderByOrderID({ orderId: firstId });
    expect((await orders.getOrderByOrderID({ orderId: firstId })).status).toBe('canceled');
    expect(await orders.deleteAllOrders()).toEqual([{ id: secondId, status: 200 }]);
  });

  it('surfaces a reused client order id as ValidationError and a buy beyond buying power as PermissionError', async () => {
    const orders = sdkFor(await anExchange(aScenario({ fills: fillRules() }))).trading.orders;
    await orders.market({ symbol: 'AAPL', side: 'buy', qty: '1', clientOrderId: 'once' });
    await expect(orders.market({ symbol: 'AAPL', side: 'buy', qty: '1', clientOrderId: 'once' })).rejects.toBeInstanceOf(ValidationError);
    await expect(orders.market({ symbol: 'SPY', side: 'buy', qty: '1000' })).rejects.toBeInstanceOf(PermissionError);
  });
});

describe('the demo scenario (no fill rules)', () => {
  it('fills a market order in full at once', async () => {
    const exchange = await anExchange(createDemoScenario());
    const order = await place(exchange, { symbol: 'NVDA', qty: '1' });
    expect(await waitForStatus(exchange, order['id'], 'filled')).toMatchObject({ filled_qty: '1' });
  });
});
