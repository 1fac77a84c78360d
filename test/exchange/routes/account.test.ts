import { describe, expect, it } from 'vitest';
import { expectConformsToSpec } from '../../support/openapi.js';
import { CLOCK_DATE, aScenario, anExchange, barOn, get } from '../helpers.js';

type AccountJson = Record<string, unknown>;

async function account(scenario = aScenario()): Promise<AccountJson> {
  const exchange = await anExchange(scenario);
  const reply = await get(exchange, '/v2/account');
  expect(reply.status).toBe(200);
  expectConformsToSpec('trading', 'GET', '/v2/account', 200, reply.body);
  return reply.body as AccountJson;
}

describe('GET /v2/account', () => {
  it('values equity as cash plus every position at its close on the clock date', async () => {
    const scenario = aScenario({
      account: { cash: 10_000, multiplier: 1, buyingPower: null },
      positions: [
        { symbol: 'AAPL', qty: 10, avgEntryPrice: 90 },
        { symbol: 'MSFT', qty: 2.5, avgEntryPrice: 300 },
      ],
    });
    const longValue = 10 * barOn(scenario, 'AAPL', CLOCK_DATE).close + 2.5 * barOn(scenario, 'MSFT', CLOCK_DATE).close;
    const body = await account(scenario);
    expect(body).toMatchObject({
      status: 'ACTIVE',
      currency: 'USD',
      trading_blocked: false,
      account_blocked: false,
      cash: '10000.00',
      long_market_value: longValue.toFixed(2),
      equity: (10_000 + longValue).toFixed(2),
      portfolio_value: (10_000 + longValue).toFixed(2),
      multiplier: '1',
      buying_power: '10000.00',
      regt_buying_power: '10000.00',
      non_marginable_buying_power: '10000.00',
    });
  });

  it('values last_equity at the previous session close', async () => {
    const scenario = aScenario({ positions: [{ symbol: 'AAPL', qty: 4, avgEntryPrice: 90 }] });
    const body = await account(scenario);
    expect(body['last_equity']).toBe((10_000 + 4 * barOn(scenario, 'AAPL', '2025-11-19').close).toFixed(2));
    expect(body['balance_asof']).toBe('2025-11-19');
  });

  it.each([
    { cash: 5_000, multiplier: 2 as const, buyingPower: null, expected: '10000.00', nonMarginable: '5000.00' },
    { cash: 5_000, multiplier: 4 as const, buyingPower: null, expected: '20000.00', nonMarginable: '5000.00' },
    { cash: -1_500, multiplier: 2 as const, buyingPower: null, expected: '0.00', nonMarginable: '0.00' },
    { cash: 5_000, multiplier: 2 as const, buyingPower: 1234.5, expected: '1234.50', nonMarginable: '5000.00' },
  ])('with cash $cash and multiplier $multiplier buying power is $expected', async ({ cash, multiplier, buyingPower, expected, nonMarginable }) => {
    const body = await account(aScenario({ account: { cash, multiplier, buyingPower } }));
    expect(body['buying_power']).toBe(expected);
    expect(body['regt_buying_power']).toBe(expected);
    expect(body['non_marginable_buying_power']).toBe(nonMarginable);
    expect(body['multiplier']).toBe(String(multiplier));
  });

  it('reports negative cash as a negative balance that still counts toward equity', async () => {
    const scenario = aScenario({
      account: { cash: -250.5, multiplier: 2, buyingPower: null },
      positions: [{ symbol: 'SPY', qty: 1, avgEntryPrice: 500 }],
    });
    const body = await account(scenario);
    expect(body['cash']).toBe('-250.50');
    expect(body['equity']).toBe((barOn(scenario, 'SPY', CLOCK_DATE).close - 250.5).toFixed(2));
  });

  it('writes money without float artefacts or exponents', async () => {
    const scenario = aScenario({
      account: { cash: 0.1 + 0.2, multiplier: 1, buyingPower: null },
      positions: [{ symbol: 'AAPL', qty: 0.000000123, avgEntryPrice: 90 }],
    });
    const body = await account(scenario);
    for (const key of ['cash', 'equity', 'buying_power', 'long_market_value', 'last_equity']) {
      expect(body[key], key).toMatch(/^-?\d+\.\d{2}$/);
    }
    expect(body['cash']).toBe('0.30');
  });

  it('uses the last close before a weekend clock, never a later bar', async () => {
    const scenario = aScenario({
      clock: new Date('2025-11-22T17:00:00Z'),
      positions: [{ symbol: 'AAPL', qty: 1, avgEntryPrice: 90 }],
    });
    const body = await account(scenario);
    expect(body['long_market_value']).toBe(barOn(scenario, 'AAPL', '2025-11-21').close.toFixed(2));
  });

  it('follows the clock when the state moves it', async () => {
    const scenario = aScenario({ positions: [{ symbol: 'AAPL', qty: 1, avgEntryPrice: 90 }] });
    const exchange = await anExchange(scenario);
    exchange.state.now = new Date('2025-12-01T15:00:00Z');
    const reply = await get(exchange, '/v2/account');
    expect((reply.body as AccountJson)['long_market_value']).toBe(barOn(scenario, 'AAPL', '2025-12-01').close.toFixed(2));
  });
});
