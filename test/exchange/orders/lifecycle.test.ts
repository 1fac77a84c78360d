import { describe, expect, it } from 'vitest';
import type { FillRules } from '../../../src/exchange/scenario.js';
import { expectConformsToSpec } from '../../support/openapi.js';
import { CLOCK_DATE, aScenario, anExchange, barOn, get } from '../helpers.js';
import type { Json } from './support.js';
import { fillRules, place, recordEvents, send, waitFor, waitForStatus } from './support.js';

const positions = [{ symbol: 'AAPL', qty: 10, avgEntryPrice: 90 }];
const scenarioWith = (fills: Partial<FillRules>) => aScenario({ positions, fills: fillRules(fills) });
const price = barOn(aScenario(), 'AAPL', CLOCK_DATE).close;
const cents = (value: number): number => Math.round(value * 100) / 100;

async function cash(exchange: Awaited<ReturnType<typeof anExchange>>): Promise<string> {
  return ((await get(exchange, '/v2/account')).body as Json)['cash'] as string;
}

async function aaplPosition(exchange: Awaited<ReturnType<typeof anExchange>>): Promise<Json | undefined> {
  const reply = await get(exchange, '/v2/positions/AAPL');
  return reply.status === 200 ? (reply.body as Json) : undefined;
}

describe('order lifecycle while the market is open', () => {
  it('routes a market buy at once ("new"), then fills it after the delay at the current price', async () => {
    const exchange = await anExchange(scenarioWith({ delayMs: 300 }));
    const placed = await place(exchange, { qty: '3' });
    expectConformsToSpec('trading', 'POST', '/v2/orders', 200, placed);
    expect(placed).toMatchObject({ status: 'new', qty: '3', filled_qty: '0', filled_avg_price: null, filled_at: null, notional: null });

    const filled = await waitForStatus(exchange, placed['id'], 'filled');
    expectConformsToSpec('trading', 'GET', '/v2/orders/{order_id}', 200, filled);
    expect(filled).toMatchObject({ filled_qty: '3', filled_avg_price: String(price) });
    expect(Date.parse(filled['filled_at'] as string) - Date.parse(filled['submitted_at'] as string)).toBeGreaterThanOrEqual(295);
    expect(filled['updated_at']).toBe(filled['filled_at']);
    expect(await cash(exchange)).toBe((10_000 - 3 * price).toFixed(2));
    const position = await aaplPosition(exchange);
    expect(position?.['qty']).toBe('13');
    expect(Number(position?.['avg_entry_price'])).toBeCloseTo((10 * 90 + 3 * price) / 13, 4);
  });

  it('makes buys pay and sells give up the slippage', async () => {
    const exchange = await anExchange(scenarioWith({ slippageBps: 50 }));
    const buy = await waitForStatus(exchange, (await place(exchange, { qty: '2' }))['id'], 'filled');
    expect(buy['filled_avg_price']).toBe(String(cents(price * 1.005)));
    const sell = await waitForStatus(exchange, (await place(exchange, { side: 'sell', qty: '12' }))['id'], 'filled');
    expect(sell['filled_avg_price']).toBe(String(cents(price * 0.995)));
    expect(await cash(exchange)).toBe((10_000 - 2 * cents(price * 1.005) + 12 * cents(price * 0.995)).toFixed(2));
    expect(await aaplPosition(exchange)).toBeUndefined();
  });

  it('buys what a notional order buys, to 9 decimals, and reports qty as null', async () => {
    const exchange = await anExchange(scenarioWith({}));
    const placed = await place(exchange, { qty: undefined, notional: '500' });
    expect(placed).toMatchObject({ notional: '500', qty: null });
    const filled = await waitForStatus(exchange, placed['id'], 'filled');
    expect(filled['filled_qty']).toBe(String(Math.floor((500 / price) * 1e9) / 1e9));
  });

  it('fills only the partial fraction, rounded down to whole shares, and leaves the rest open until canceled', async () => {
    const exchange = await anExchange(scenarioWith({ partial: { AAPL: 0.5 } }));
    const partial = await place(exchange, { qty: '5' });
    const later = await place(exchange, { symbol: 'SPY', qty: '1' });
    await waitForStatus(exchange, later['id'], 'filled');
    // The SPY order was placed after, with the same delay: AAPL had its execution and stayed partial.
    expect(await waitForStatus(exchange, partial['id'], 'partially_filled')).toMatchObject({ filled_qty: '2', filled_at: null });
    expect((await send(exchange, 'DELETE', `/v2/orders/${String(partial['id'])}`)).status).toBe(204);
    expect(await waitForStatus(exchange, partial['id'], 'canceled')).toMatchObject({ filled_qty: '2' });
    expect(await aaplPosition(exchange)).toMatchObject({ qty: '12' });
  });

  it('keeps 9 decimals when the partial order itself is fractional', async () => {
    const exchange = await anExchange(scenarioWith({ partial: { AAPL: 0.5 } }));
    const placed = await place(exchange, { qty: '1.5' });
    expect(await waitForStatus(exchange, placed['id'], 'partially_filled')).toMatchObject({ filled_qty: '0.75' });
  });

  it('accepts an order on a reject symbol, then rejects it without touching cash or positions', async () => {
    const exchange = await anExchange(scenarioWith({ reject: ['AAPL'] }));
    const placed = await place(exchange, { qty: '1' });
    expect(placed['status']).toBe('new');
    const rejected = await waitForStatus(exchange, placed['id'], 'rejected');
    expect(rejected['failed_at']).toEqual(expect.any(String));
    expect(rejected['filled_qty']).toBe('0');
    expect(await cash(exchange)).toBe('10000.00');
  });

  it('leaves a never-fill order "new" until canceled; a second cancel is 422, an unknown id 404', async () => {
    const exchange = await anExchange(scenarioWith({ neverFill: ['AAPL'] }));
    const stuck = await place(exchange, { qty: '1' });
    await waitForStatus(exchange, (await place(exchange, { symbol: 'SPY', qty: '1' }))['id'], 'filled');
    expect((await send(exchange, 'GET', `/v2/orders/${String(stuck['id'])}`)).body).toMatchObject({ status: 'new', filled_qty: '0' });

    const cancel = await send(exchange, 'DELETE', `/v2/orders/${String(stuck['id'])}`);
    expect(cancel.status).toBe(204);
    expect(cancel.text).toBe('');
    const canceled = await waitForStatus(exchange, stuck['id'], 'canceled');
    expect(canceled['canceled_at']).toEqual(expect.any(String));
    const again = await send(exchange, 'DELETE', `/v2/orders/${String(stuck['id'])}`);
    expect(again.status).toBe(422);
    expect(again.body).toEqual({ code: 42210000, message: 'order is already in "canceled" state' });
    const unknown = await send(exchange, 'DELETE', '/v2/orders/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('fills a limit buy at the market when the market is below the limit, and keeps one above it waiting', async () => {
    const exchange = await anExchange(scenarioWith({}));
    const through = await place(exchange, { type: 'limit', limit_price: String(Math.ceil(price) + 5), time_in_force: 'gtc' });
    const below = await place(exchange, { symbol: 'SPY', type: 'limit', limit_price: '1.00' });
    expect(await waitForStatus(exchange, through['id'], 'filled')).toMatchObject({ filled_avg_price: String(price), limit_price: String(Math.ceil(price) + 5) });
    expect(await send(exchange, 'GET', `/v2/orders/${String(below['id'])}`)).toMatchObject({ body: expect.objectContaining({ status: 'new' }) });
  });

  it('emits trade updates in order: new then fill with the execution, new then canceled', async () => {
    // Long enough for the second order to be placed before the first fills.
    const exchange = await anExchange(scenarioWith({ neverFill: ['SPY'], delayMs: 200 }));
    const events = recordEvents(exchange);
    const filled = await place(exchange, { qty: '2' });
    const stuck = await place(exchange, { symbol: 'SPY', qty: '1' });
    await waitForStatus(exchange, filled['id'], 'filled');
    await send(exchange, 'DELETE', `/v2/orders/${String(stuck['id'])}`);
    await waitFor('the canceled event', () => (events.some((e) => e.event === 'canceled') ? true : undefined));

    expect(events.map((e) => [e.event, e.order['id']])).toEqual([
      ['new', filled['id']],
      ['new', stuck['id']],
      ['fill', filled['id']],
      ['canceled', stuck['id']],
    ]);
    const fill = events[2];
    expect(fill).toMatchObject({ price: String(price), qty: '2', position_qty: '12', order: { status: 'filled', filled_qty: '2' } });
    expect(fill?.execution_id).toMatch(/^[0-9a-f-]{36}$/);
    for (const e of events) expectConformsToSpec('trading', 'GET', '/v2/orders/{order_id}', 200, e.order);
    expect(events.map((e) => Date.parse(e.timestamp))).toEqual([...events.map((e) => Date.parse(e.timestamp))].sort((a, b) => a - b));
  });

  it('cancels every open order with DELETE /v2/orders, answering 207 with one entry per order', async () => {
    const exchange = await anExchange(scenarioWith({ neverFill: ['AAPL', 'SPY'] }));
    const a = await place(exchange, { qty: '1' });
    const b = await place(exchange, { symbol: 'SPY', qty: '1' });
    const reply = await send(exchange, 'DELETE', '/v2/orders');
    expect(reply.status).toBe(207);
    expectConformsToSpec('trading', 'DELETE', '/v2/orders', 207, reply.body);
    expect(reply.body).toEqual([
      { id: a['id'], status: 200 },
      { id: b['id'], status: 200 },
    ]);
    expect((await get(exchange, '/v2/orders')).body).toEqual([]);
  });
});
