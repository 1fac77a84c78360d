import { describe, expect, it } from 'vitest';
import { assetIdFor } from '../../../src/exchange/assets.js';
import { expectConformsToSpec } from '../../support/openapi.js';
import { CLOCK_DATE, aScenario, anExchange, barOn, get } from '../helpers.js';

const scenario = aScenario({
  positions: [
    { symbol: 'MSFT', qty: 2.5, avgEntryPrice: 300 },
    { symbol: 'AAPL', qty: 10, avgEntryPrice: 90.125 },
  ],
});

describe('GET /v2/positions', () => {
  it('lists every holding, by symbol, valued at the close of the clock date', async () => {
    const exchange = await anExchange(scenario);
    const reply = await get(exchange, '/v2/positions');
    expect(reply.status).toBe(200);
    expectConformsToSpec('trading', 'GET', '/v2/positions', 200, reply.body);
    const [aapl, msft] = reply.body as Record<string, unknown>[];
    const close = barOn(scenario, 'AAPL', CLOCK_DATE).close;
    const previous = barOn(scenario, 'AAPL', '2025-11-19').close;
    expect(aapl).toMatchObject({
      symbol: 'AAPL',
      asset_id: assetIdFor('AAPL'),
      asset_class: 'us_equity',
      side: 'long',
      qty: '10',
      qty_available: '10',
      avg_entry_price: '90.125',
      current_price: String(close),
      lastday_price: String(previous),
      market_value: (10 * close).toFixed(2),
      cost_basis: '901.25',
      unrealized_pl: (10 * close - 901.25).toFixed(2),
      unrealized_intraday_pl: (10 * (close - previous)).toFixed(2),
    });
    expect(Number(aapl?.['unrealized_plpc'])).toBeCloseTo((10 * close - 901.25) / 901.25, 9);
    expect(Number(aapl?.['change_today'])).toBeCloseTo(close / previous - 1, 9);
    expect(msft).toMatchObject({ symbol: 'MSFT', qty: '2.5', market_value: (2.5 * barOn(scenario, 'MSFT', CLOCK_DATE).close).toFixed(2) });
  });

  it('answers an empty array when nothing is held', async () => {
    const reply = await get(await anExchange(aScenario()), '/v2/positions');
    expect(reply.body).toEqual([]);
  });
});

describe('GET /v2/positions/{symbol_or_asset_id}', () => {
  it('finds a position by symbol in any case and by asset id', async () => {
    const exchange = await anExchange(scenario);
    for (const key of ['AAPL', 'aapl', assetIdFor('AAPL')]) {
      const reply = await get(exchange, `/v2/positions/${key}`);
      expect(reply.status, key).toBe(200);
      expectConformsToSpec('trading', 'GET', '/v2/positions/{symbol_or_asset_id}', 200, reply.body);
      expect((reply.body as Record<string, unknown>)['symbol']).toBe('AAPL');
    }
  });

  it('answers 404 for a symbol that is not held', async () => {
    const reply = await get(await anExchange(scenario), '/v2/positions/SPY');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ code: 40410000, message: 'position does not exist' });
  });
});
