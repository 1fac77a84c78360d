import { describe, expect, it } from 'vitest';
import { expectConformsToSpec } from '../../support/openapi.js';
import { aScenario, anExchange, get } from '../helpers.js';
import type { Json } from './support.js';
import { fillRules, place, send, waitForStatus } from './support.js';

type Exchange = Awaited<ReturnType<typeof anExchange>>;

/** SPY orders stay open, AAPL orders fill; a roomy account so nothing is refused. */
const scenario = aScenario({
  account: { cash: 1_000_000, multiplier: 1, buyingPower: null },
  positions: [{ symbol: 'MSFT', qty: 100, avgEntryPrice: 300 }],
  fills: fillRules({ neverFill: ['SPY', 'MSFT'] }),
});

async function list(exchange: Exchange, query: string): Promise<Json[]> {
  const reply = await get(exchange, `/v2/orders${query}`);
  expect(reply.status, reply.text).toBe(200);
  expectConformsToSpec('trading', 'GET', '/v2/orders', 200, reply.body);
  return reply.body as Json[];
}

const ids = (orders: readonly Json[]): unknown[] => orders.map((o) => o['id']);

/** Five orders, oldest first: SPY buy (open), AAPL buy (filled), MSFT sell (open), SPY buy (canceled), AAPL buy (filled). */
async function fiveOrders(exchange: Exchange): Promise<Json[]> {
  const orders = [
    await place(exchange, { symbol: 'SPY' }),
    await place(exchange, { symbol: 'AAPL' }),
    await place(exchange, { symbol: 'MSFT', side: 'sell' }),
    await place(exchange, { symbol: 'SPY' }),
    await place(exchange, { symbol: 'AAPL' }),
  ];
  await send(exchange, 'DELETE', `/v2/orders/${String(orders[3]?.['id'])}`);
  await waitForStatus(exchange, orders[1]?.['id'], 'filled');
  await waitForStatus(exchange, orders[4]?.['id'], 'filled');
  return orders;
}

describe('GET /v2/orders', () => {
  it('lists open orders newest first by default, and closed or all on request, oldest first with direction=asc', async () => {
    const exchange = await anExchange(scenario);
    const [spy, aapl, msft, canceled, aapl2] = await fiveOrders(exchange);
    expect(ids(await list(exchange, ''))).toEqual(ids([msft!, spy!]));
    expect(ids(await list(exchange, '?status=closed'))).toEqual(ids([aapl2!, canceled!, aapl!]));
    expect(ids(await list(exchange, '?status=all&direction=asc'))).toEqual(ids([spy!, aapl!, msft!, canceled!, aapl2!]));
  });

  it('filters by symbols (csv, any case) and by side', async () => {
    const exchange = await anExchange(scenario);
    const [spy, aapl, msft, canceled, aapl2] = await fiveOrders(exchange);
    expect(ids(await list(exchange, '?status=all&symbols=aapl,MSFT'))).toEqual(ids([aapl2!, msft!, aapl!]));
    expect(ids(await list(exchange, '?status=all&side=sell'))).toEqual(ids([msft!]));
    expect(ids(await list(exchange, '?status=all&side=buy&symbols=SPY'))).toEqual(ids([canceled!, spy!]));
  });

  it('keeps after and until exclusive, compared with submitted_at', async () => {
    const exchange = await anExchange(scenario);
    const first = await place(exchange, { symbol: 'SPY' });
    const second = await waitForSubmittedAfter(exchange, first);
    const third = await waitForSubmittedAfter(exchange, second);
    const after = encodeURIComponent(first['submitted_at'] as string);
    const until = encodeURIComponent(third['submitted_at'] as string);
    expect(ids(await list(exchange, `?after=${after}`))).toEqual(ids([third, second]));
    expect(ids(await list(exchange, `?until=${until}`))).toEqual(ids([second, first]));
    expect(ids(await list(exchange, `?after=${after}&until=${until}`))).toEqual(ids([second]));
  });

  it('serves 50 orders by default and as many as limit asks', async () => {
    const exchange = await anExchange(scenario);
    for (let i = 0; i < 51; i++) await place(exchange, { symbol: 'SPY' });
    expect(await list(exchange, '')).toHaveLength(50);
    expect(await list(exchange, '?limit=7')).toHaveLength(7);
    expect(await list(exchange, '?limit=500')).toHaveLength(51);
  });

  it('pages newest first with before_order_id, and oldest first with after_order_id, never repeating an order', async () => {
    const exchange = await anExchange(scenario);
    const placed: Json[] = [];
    // Quick succession: several orders share a millisecond, and paging must still be exact.
    for (let i = 0; i < 7; i++) placed.push(await place(exchange, { symbol: 'SPY' }));
    const newestFirst = ids([...placed].reverse());

    const pages: unknown[] = [];
    let query = '?limit=3';
    for (let page = await list(exchange, query); page.length > 0; page = await list(exchange, query)) {
      pages.push(...ids(page));
      query = `?limit=3&before_order_id=${String(page.at(-1)?.['id'])}`;
    }
    expect(pages).toEqual(newestFirst);
    expect(ids(await list(exchange, `?direction=asc&limit=2&after_order_id=${String(placed[4]?.['id'])}`))).toEqual(ids(placed.slice(5)));
  });

  it.each([
    ['?status=pending', 'invalid status "pending": expected open, closed or all'],
    ['?direction=up', 'invalid direction "up": expected asc or desc'],
    ['?limit=0', 'invalid limit "0": expected a positive whole number'],
    ['?side=short', 'invalid side "short": expected buy or sell'],
    ['?after=yesterday', 'invalid after "yesterday": expected an RFC 3339 time'],
    ['?before_order_id=00000000-0000-4000-8000-000000000000', 'order 00000000-0000-4000-8000-000000000000 not found'],
  ])('answers 422 to %s', async (query, message) => {
    const reply = await get(await anExchange(scenario), `/v2/orders${query}`);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ code: 40010001, message });
  });
});

describe('GET /v2/orders/{order_id} and /v2/orders:by_client_order_id', () => {
  it('finds an order by its id and by its client order id, in the spec shape', async () => {
    const exchange = await anExchange(scenario);
    const placed = await place(exchange, { symbol: 'SPY', client_order_id: 'rb-1234-SPY-b' });
    const byId = await get(exchange, `/v2/orders/${String(placed['id'])}`);
    expectConformsToSpec('trading', 'GET', '/v2/orders/{order_id}', 200, byId.body);
    const byClient = await get(exchange, '/v2/orders:by_client_order_id?client_order_id=rb-1234-SPY-b');
    expect(byClient.status).toBe(200);
    expectConformsToSpec('trading', 'GET', '/v2/orders:by_client_order_id', 200, byClient.body);
    expect(byClient.body).toEqual(byId.body);
    expect(byId.body).toMatchObject({ symbol: 'SPY', side: 'buy', type: 'market', order_type: 'market', order_class: '', position_intent: 'buy_to_open' });
  });

  it('answers 404 for an unknown id or client order id, and 422 without a client order id', async () => {
    const exchange = await anExchange(scenario);
    expect((await get(exchange, '/v2/orders/00000000-0000-4000-8000-000000000000')).body).toEqual({ code: 40410000, message: 'order not found' });
    expect((await get(exchange, '/v2/orders:by_client_order_id?client_order_id=nope')).status).toBe(404);
    expect((await get(exchange, '/v2/orders:by_client_order_id')).status).toBe(422);
  });
});

/** Places SPY orders until one is submitted in a later millisecond than `previous` (usually the first). */
async function waitForSubmittedAfter(exchange: Exchange, previous: Json): Promise<Json> {
  for (;;) {
    const next = await place(exchange, { symbol: 'SPY' });
    if (Date.parse(next['submitted_at'] as string) > Date.parse(previous['submitted_at'] as string)) return next;
    await send(exchange, 'DELETE', `/v2/orders/${String(next['id'])}`);
  }
}
