import { describe, expect, it } from 'vitest';
import { sessionBars, aScenario, anExchange, get } from '../helpers.js';
import { expectConformsToSpec } from '../../support/openapi.js';

type AssetJson = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const scenario = aScenario({
  bars: new Map([
    ['AAPL', sessionBars('2025-11-03', '2025-11-21')],
    ['BRK.B', sessionBars('2025-11-03', '2025-11-21')],
    ['OLD', sessionBars('2025-11-03', '2025-11-21')],
    ['WHOLE', sessionBars('2025-11-03', '2025-11-21')],
  ]),
  assets: { notTradable: ['OLD'], notFractionable: ['WHOLE'], inactive: ['OLD'] },
});

async function assets(query = ''): Promise<AssetJson[]> {
  const reply = await get(await anExchange(scenario), `/v2/assets${query}`);
  expect(reply.status).toBe(200);
  expectConformsToSpec('trading', 'GET', '/v2/assets', 200, reply.body);
  return reply.body as AssetJson[];
}

describe('GET /v2/assets', () => {
  it('lists every symbol with data as a US equity, sorted, with the scenario flags', async () => {
    const list = await assets();
    expect(list.map((a) => a['symbol'])).toEqual(['AAPL', 'BRK.B', 'OLD', 'WHOLE']);
    const bySymbol = new Map(list.map((a) => [a['symbol'], a]));
    expect(bySymbol.get('AAPL')).toMatchObject({
      class: 'us_equity',
      status: 'active',
      tradable: true,
      fractionable: true,
      marginable: true,
      shortable: true,
      easy_to_borrow: true,
      borrow_status: 'easy_to_borrow',
      attributes: [],
    });
    expect(bySymbol.get('OLD')).toMatchObject({ status: 'inactive', tradable: false, fractionable: true });
    expect(bySymbol.get('WHOLE')).toMatchObject({ status: 'active', tradable: true, fractionable: false });
    for (const a of list) expect(a['id']).toMatch(UUID);
    expect(new Set(list.map((a) => a['id'])).size).toBe(4);
  });

  it.each([
    ['?status=active', ['AAPL', 'BRK.B', 'WHOLE']],
    ['?status=inactive', ['OLD']],
    ['?asset_class=crypto', []],
    ['?attributes=ipo,has_options', []],
    ['?asset_class=us_equity&unknown_filter=1', ['AAPL', 'BRK.B', 'OLD', 'WHOLE']],
  ])('filters %s', async (query, expected) => {
    expect((await assets(query)).map((a) => a['symbol'])).toEqual(expected);
  });

  it('filters by exchange, each symbol listed on exactly one', async () => {
    const all = await assets();
    const nasdaq = await assets('?exchange=NASDAQ');
    const nyse = await assets('?exchange=NYSE');
    expect([...nasdaq, ...nyse].map((a) => a['symbol']).sort()).toEqual(all.map((a) => a['symbol']));
    for (const a of nasdaq) expect(a['exchange']).toBe('NASDAQ');
  });

  it('keeps asset ids and exchanges stable across restarts', async () => {
    const first = await assets();
    const second = await assets();
    expect(second.map((a) => [a['id'], a['exchange']])).toEqual(first.map((a) => [a['id'], a['exchange']]));
  });
});

describe('GET /v2/assets/{symbol_or_asset_id}', () => {
  it('finds an asset by symbol (dotted, URL-encoded, any case) and by id', async () => {
    const exchange = await anExchange(scenario);
    const list = (await get(exchange, '/v2/assets')).body as AssetJson[];
    const brk = list.find((a) => a['symbol'] === 'BRK.B');
    for (const key of ['BRK.B', 'brk.b', 'BRK%2EB', String(brk?.['id'])]) {
      const reply = await get(exchange, `/v2/assets/${key}`);
      expect(reply.status, key).toBe(200);
      expectConformsToSpec('trading', 'GET', '/v2/assets/{symbol_or_asset_id}', 200, reply.body);
      expect(reply.body).toEqual(brk);
    }
  });

  it('answers 404 with Alpaca\'s body for an unknown symbol', async () => {
    const reply = await get(await anExchange(scenario), '/v2/assets/NOPE');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ code: 40410000, message: 'asset not found' });
  });
});
