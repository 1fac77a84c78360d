import { describe, expect, it } from 'vitest';
import type { MarketScenario } from '../../../src/exchange/scenario.js';
import { expectConformsToSpec } from '../../support/openapi.js';
import { CLOCK_DATE, aScenario, anExchange, barOn, sessionBars } from '../helpers.js';
import type { Json } from './support.js';
import { anOrderBody, fillRules, place, send } from './support.js';

const base = aScenario();
const scenario: MarketScenario = aScenario({
  bars: new Map([...base.bars, ['XOM', sessionBars('2025-10-01', '2025-12-31', 110)], ['GE', sessionBars('2025-10-01', '2025-12-31', 150)]]),
  positions: [{ symbol: 'AAPL', qty: 10, avgEntryPrice: 90 }],
  assets: { notTradable: ['XOM'], notFractionable: ['MSFT'], inactive: ['GE'] },
  // Orders stay open, so the checks that look at open orders have something to see.
  fills: fillRules({ neverFill: ['AAPL', 'MSFT', 'SPY'] }),
});
const aaplPrice = barOn(scenario, 'AAPL', CLOCK_DATE).close;

async function refusal(fields: Json, exchange?: Awaited<ReturnType<typeof anExchange>>): Promise<{ status: number; body: Json }> {
  const reply = await send(exchange ?? (await anExchange(scenario)), 'POST', '/v2/orders', anOrderBody(fields));
  expectConformsToSpec('trading', 'POST', '/v2/orders', reply.status, reply.body);
  return { status: reply.status, body: reply.body as Json };
}

describe('POST /v2/orders refuses what Alpaca refuses', () => {
  it.each([
    ['an unknown symbol', { symbol: 'ZZZZ' }, 42210000, 'asset "ZZZZ" not found'],
    ['an inactive asset', { symbol: 'GE' }, 42210000, 'asset "GE" is not active'],
    ['an asset that is not tradable', { symbol: 'XOM' }, 42210000, 'asset "XOM" is not tradable'],
    ['both qty and notional', { qty: '1', notional: '100' }, 40010001, 'only one of qty or notional may be given'],
    ['neither qty nor notional', { qty: undefined }, 40010001, 'qty or notional is required'],
    ['a zero qty', { qty: '0' }, 40010001, 'qty must be > 0'],
    ['a negative qty', { qty: '-1' }, 40010001, 'qty must be > 0'],
    ['a qty with 10 decimals', { qty: '0.1234567891' }, 40010001, 'qty must have at most 9 decimal places'],
    ['a qty in exponent notation', { qty: '1e-7' }, 40010001, 'invalid qty: "1e-7"'],
    ['a notional with 10 decimals', { qty: undefined, notional: '10.0000000001' }, 40010001, 'notional must have at most 9 decimal places'],
    ['a fractional qty on a non-fractionable asset', { symbol: 'MSFT', qty: '0.5' }, 42210000, 'asset "MSFT" is not fractionable'],
    ['a notional on a non-fractionable asset', { symbol: 'MSFT', qty: undefined, notional: '100' }, 42210000, 'asset "MSFT" is not fractionable'],
    ['a fractional GTC order', { qty: '0.5', time_in_force: 'gtc' }, 42210000, 'fractional orders must be DAY orders'],
    ['a fractional limit order', { qty: '0.5', type: 'limit', limit_price: '100' }, 42210000, 'fractional orders must be market orders'],
    ['a notional GTC order', { qty: undefined, notional: '50', time_in_force: 'gtc' }, 42210000, 'fractional orders must be DAY orders'],
    ['a stop order (not modelled)', { type: 'stop', stop_price: '100' }, 42210000, 'order type "stop" is not supported by the local exchange'],
    ['an IOC order (not modelled)', { time_in_force: 'ioc' }, 42210000, 'time_in_force "ioc" is not supported by the local exchange'],
    ['an unknown order type', { type: 'bogus' }, 40010001, 'invalid order type: "bogus"'],
    ['a missing side', { side: undefined }, 40010001, 'side is required'],
    ['a missing symbol', { symbol: undefined }, 40010001, 'symbol is required'],
    ['a limit order without limit_price', { type: 'limit' }, 40010001, 'limit_price is required for limit orders'],
    ['a sub-penny limit price', { type: 'limit', limit_price: '100.001' }, 40010001, 'invalid limit_price: sub-penny increment does not fulfill minimum pricing criteria'],
    ['extended hours on a market order', { extended_hours: true }, 40010001, 'extended hours order must be DAY or GTC limit orders'],
    ['a client_order_id of 129 characters', { client_order_id: 'c'.repeat(129) }, 40010001, 'client_order_id must be no more than 128 characters'],
  ])('answers 422 to %s', async (_name, fields, code, message) => {
    expect(await refusal(fields)).toEqual({ status: 422, body: { code, message } });
  });

  it('accepts a client_order_id of exactly 128 characters and a qty sent as a JSON number', async () => {
    const order = await place(await anExchange(scenario), { client_order_id: 'c'.repeat(128), qty: 2 });
    expect(order).toMatchObject({ client_order_id: 'c'.repeat(128), qty: '2' });
  });

  it('answers 422 to a client_order_id used before, even by an order canceled since', async () => {
    const exchange = await anExchange(scenario);
    const first = await place(exchange, { client_order_id: 'run-1-AAPL' });
    expect((await send(exchange, 'DELETE', `/v2/orders/${String(first['id'])}`)).status).toBe(204);
    expect(await refusal({ client_order_id: 'run-1-AAPL' }, exchange)).toEqual({
      status: 422,
      body: { code: 40010001, message: 'client_order_id must be unique' },
    });
  });

  it('answers 403 with the buying power and the cost when a buy costs more than the buying power', async () => {
    const qty = Math.floor(10_000 / aaplPrice) + 1;
    expect(await refusal({ qty: String(qty) })).toEqual({
      status: 403,
      body: { code: 40310000, message: 'insufficient buying power', buying_power: '10000.00', cost_basis: (qty * aaplPrice).toFixed(2) },
    });
  });

  it('counts open buys against the buying power', async () => {
    const exchange = await anExchange(scenario);
    const held = Math.floor(6_000 / aaplPrice);
    await place(exchange, { qty: String(held) });
    const { status, body } = await refusal({ qty: String(Math.floor(5_000 / aaplPrice)) }, exchange);
    expect(status).toBe(403);
    expect(body).toMatchObject({ message: 'insufficient buying power', buying_power: (10_000 - held * aaplPrice).toFixed(2) });
  });

  it('answers 403 naming requested and available shares when a sell exceeds the holding', async () => {
    expect(await refusal({ side: 'sell', qty: '11' })).toEqual({
      status: 403,
      body: {
        code: 40310000,
        message: 'insufficient qty available for order (requested: 11, available: 10)',
        available: '10',
        existing_qty: '10',
        held_for_orders: '0',
        symbol: 'AAPL',
        related_orders: [],
      },
    });
  });

  it('counts shares locked by open sells as unavailable', async () => {
    const exchange = await anExchange(scenario);
    const open = await place(exchange, { side: 'sell', qty: '4' });
    const { status, body } = await refusal({ side: 'sell', qty: '7' }, exchange);
    expect(status).toBe(403);
    expect(body).toMatchObject({
      message: 'insufficient qty available for order (requested: 7, available: 6)',
      held_for_orders: '4',
      related_orders: [open['id']],
    });
    expect((await refusal({ side: 'sell', qty: '6' }, exchange)).status).toBe(200);
  });

  it.each([
    ['a sell while a buy is open', { side: 'buy', qty: '1' }, { side: 'sell', qty: '1' }],
    ['a buy while a sell is open', { side: 'sell', qty: '1' }, { side: 'buy', qty: '1' }],
  ])('answers 403 to %s on the same symbol (wash trade)', async (_name, first, second) => {
    const exchange = await anExchange(scenario);
    await place(exchange, first);
    expect(await refusal(second, exchange)).toEqual({
      status: 403,
      body: { code: 40310000, message: 'potential wash trade detected. use complex orders' },
    });
    expect((await refusal({ ...second, symbol: 'SPY', side: 'buy' }, exchange)).status).toBe(200);
  });

  it('answers 400 to a body that is not JSON, and 422 to one that is not an object', async () => {
    const exchange = await anExchange(scenario);
    const broken = await send(exchange, 'POST', '/v2/orders', '{"symbol": "AAPL",');
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ code: 40010000, message: 'request body format is invalid' });
    const list = await send(exchange, 'POST', '/v2/orders', '[1, 2]');
    expect(list.body).toEqual({ code: 40010001, message: 'request body must be a JSON object' });
  });
});
