import { describe, expect, it } from 'vitest';
import { expectConformsToSpec } from '../../support/openapi.js';
import { CLOCK_DATE, aScenario, anExchange, barOn, get } from '../helpers.js';
import type { Json } from './support.js';
import { fillRules, place, send, waitForStatus } from './support.js';

/** Nothing fills on its own: open orders stay open until canceled. */
const scenario = aScenario({
  positions: [{ symbol: 'AAPL', qty: 10, avgEntryPrice: 90 }],
  fills: fillRules({ neverFill: ['AAPL', 'SPY'] }),
});
const spyPrice = barOn(scenario, 'SPY', CLOCK_DATE).close;
const aaplPrice = barOn(scenario, 'AAPL', CLOCK_DATE).close;

async function account(exchange: Awaited<ReturnType<typeof anExchange>>): Promise<Json> {
  const reply = await get(exchange, '/v2/account');
  expectConformsToSpec('trading', 'GET', '/v2/account', 200, reply.body);
  return reply.body as Json;
}

describe('open orders and the account', () => {
  it('takes open buys off the buying power (at the current price) and gives it back on cancel', async () => {
    const exchange = await anExchange(scenario);
    const buy = await place(exchange, { symbol: 'SPY', qty: '3' });
    expect(await account(exchange)).toMatchObject({
      cash: '10000.00',
      buying_power: (10_000 - 3 * spyPrice).toFixed(2),
      non_marginable_buying_power: (10_000 - 3 * spyPrice).toFixed(2),
    });
    await send(exchange, 'DELETE', `/v2/orders/${String(buy['id'])}`);
    expect(await account(exchange)).toMatchObject({ buying_power: '10000.00' });
  });

  it('takes an open notional buy off the buying power by its amount', async () => {
    const exchange = await anExchange(scenario);
    await place(exchange, { symbol: 'SPY', qty: undefined, notional: '1234.5' });
    expect(await account(exchange)).toMatchObject({ buying_power: '8765.50' });
  });

  it('adds nothing to the buying power for an open sell', async () => {
    const exchange = await anExchange(scenario);
    await place(exchange, { side: 'sell', qty: '5' });
    expect(await account(exchange)).toMatchObject({ buying_power: '10000.00' });
  });

  it('adds the proceeds once a sell fills', async () => {
    const exchange = await anExchange(aScenario({ positions: [{ symbol: 'AAPL', qty: 10, avgEntryPrice: 90 }], fills: fillRules() }));
    const sell = await place(exchange, { side: 'sell', qty: '5' });
    await waitForStatus(exchange, sell['id'], 'filled');
    expect(await account(exchange)).toMatchObject({ buying_power: (10_000 + 5 * aaplPrice).toFixed(2) });
  });
});

describe('open orders and positions', () => {
  it('reports shares held for open sells as not available (qty_available)', async () => {
    const exchange = await anExchange(scenario);
    const sell = await place(exchange, { side: 'sell', qty: '4' });
    const reply = await get(exchange, '/v2/positions/AAPL');
    expectConformsToSpec('trading', 'GET', '/v2/positions/{symbol_or_asset_id}', 200, reply.body);
    expect(reply.body).toMatchObject({ qty: '10', qty_available: '6' });
    await send(exchange, 'DELETE', `/v2/orders/${String(sell['id'])}`);
    expect((await get(exchange, '/v2/positions')).body).toMatchObject([{ symbol: 'AAPL', qty: '10', qty_available: '10' }]);
  });
});
