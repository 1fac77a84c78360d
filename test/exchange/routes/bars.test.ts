import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/domain/index.js';
import type { RunningExchange } from '../../../src/exchange/server.js';
import { expectConformsToSpec } from '../../support/openapi.js';
import { CLOCK_DATE, aScenario, anExchange, get, sessionBars } from '../helpers.js';

interface BarJson { t: string; o: number; h: number; l: number; c: number; v: number; n: number; vw: number }
interface MultiPage { bars: Record<string, BarJson[]>; next_page_token: string | null; currency: string }

const MULTI = '/v2/stocks/bars';

async function page(exchange: RunningExchange, query: string): Promise<MultiPage> {
  const reply = await get(exchange, `${MULTI}?${query}`);
  expect(reply.status, reply.text).toBe(200);
  expectConformsToSpec('market-data', 'GET', '/v2/stocks/bars', 200, reply.body);
  return reply.body as MultiPage;
}

/** Follows next_page_token to the end; returns every page. */
async function allPages(exchange: RunningExchange, query: string): Promise<MultiPage[]> {
  const pages: MultiPage[] = [];
  let token: string | null = null;
  do {
    const p: MultiPage = await page(exchange, token === null ? query : `${query}&page_token=${encodeURIComponent(token)}`);
    pages.push(p);
    token = p.next_page_token;
    if (pages.length > 100) throw new Error('pagination does not end');
  } while (token !== null);
  return pages;
}

function merge(pages: readonly MultiPage[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of pages) for (const [symbol, bars] of Object.entries(p.bars)) (out[symbol] ??= []).push(...bars.map((b) => b.t));
  return out;
}

/** Expected bar timestamps straight from the fixture: midnight New York, EST in November. */
function expectedTimes(bars: readonly Bar[], from: string, to: string): string[] {
  return bars.filter((b) => b.date >= from && b.date <= to).map((b) => `${b.date}T05:00:00Z`);
}

const scenario = aScenario({
  bars: new Map([
    ['AAA', sessionBars('2025-11-03', '2025-12-31', 10)],
    ['BBB', sessionBars('2025-11-10', '2025-12-31', 20)],
    ['CCC', sessionBars('2025-11-03', '2025-11-14', 30)],
  ]),
});
const data = (symbol: string): readonly Bar[] => scenario.bars.get(symbol) ?? [];

describe('GET /v2/stocks/bars', () => {
  it('serves each bar with Alpaca\'s fields: midnight New York timestamp, data prices, typical-price vw', async () => {
    const p = await page(await anExchange(scenario), 'symbols=AAA&timeframe=1Day&start=2025-11-03&end=2025-11-03');
    const source = data('AAA')[0] as Bar;
    expect(p).toEqual({
      bars: { AAA: [{ t: '2025-11-03T05:00:00Z', o: source.open, h: source.high, l: source.low, c: source.close, v: source.volume, n: 0, vw: (source.high + source.low + source.close) / 3 }] },
      next_page_token: null,
      currency: 'USD',
    });
  });

  it('stamps summer bars at 04:00Z (daylight time)', async () => {
    const summer = aScenario({ bars: new Map([['AAA', sessionBars('2025-07-01', '2025-07-03')]]) });
    const p = await page(await anExchange(summer), 'symbols=AAA&timeframe=1D&start=2025-07-01');
    expect(p.bars['AAA']?.map((b) => b.t)).toEqual(['2025-07-01T04:00:00Z', '2025-07-02T04:00:00Z', '2025-07-03T04:00:00Z']);
  });

  it('collects, page by page with a small limit, exactly the data up to the clock date across symbols', async () => {
    const exchange = await anExchange(scenario);
    const pages = await allPages(exchange, 'symbols=ccc,AAA,BBB,ZZZ&timeframe=1Day&start=2025-11-01&end=2025-12-31&limit=4');
    for (const p of pages.slice(0, -1)) expect(Object.values(p.bars).flat()).toHaveLength(4);
    expect(merge(pages)).toEqual({
      AAA: expectedTimes(data('AAA'), '2025-11-01', CLOCK_DATE),
      BBB: expectedTimes(data('BBB'), '2025-11-01', CLOCK_DATE),
      CCC: expectedTimes(data('CCC'), '2025-11-01', CLOCK_DATE),
    });
    // Ordered by symbol, then time: once a later symbol appears, an earlier one never returns.
    const order = pages.flatMap((p) => Object.keys(p.bars));
    expect(order).toEqual([...order].sort());
  });

  it('counts the limit across symbols, continuing into the next symbol on the same page', async () => {
    const p = await page(await anExchange(scenario), 'symbols=AAA,BBB&timeframe=1Day&start=2025-11-17&end=2025-11-20&limit=6');
    expect(p.bars['AAA']).toHaveLength(4);
    expect(p.bars['BBB']?.map((b) => b.t)).toEqual(['2025-11-17T05:00:00Z', '2025-11-18T05:00:00Z']);
    expect(p.next_page_token).not.toBeNull();
  });

  it('ends with a null token when the last page is exactly full', async () => {
    const p = await page(await anExchange(scenario), 'symbols=AAA,BBB&timeframe=1Day&start=2025-11-17&end=2025-11-20&limit=8');
    expect(Object.values(p.bars).flat()).toHaveLength(8);
    expect(p.next_page_token).toBeNull();
  });

  it('never serves a bar after the clock date, whatever end asks for', async () => {
    const exchange = await anExchange(scenario);
    for (const query of ['end=2026-01-01', 'end=2030-01-01T00:00:00Z', '']) {
      const p = await page(exchange, `symbols=AAA&timeframe=1Day&start=2025-11-03&limit=10000&${query}`);
      expect(p.bars['AAA']?.at(-1)?.t, query).toBe(`${CLOCK_DATE}T05:00:00Z`);
    }
    exchange.state.now = new Date('2025-11-05T15:00:00Z');
    const earlier = await page(exchange, 'symbols=AAA&timeframe=1Day&start=2025-11-03');
    expect(earlier.bars['AAA']?.map((b) => b.t)).toEqual(['2025-11-03T05:00:00Z', '2025-11-04T05:00:00Z', '2025-11-05T05:00:00Z']);
  });

  it('defaults start to the clock date', async () => {
    const p = await page(await anExchange(scenario), 'symbols=AAA&timeframe=1Day');
    expect(p.bars['AAA']?.map((b) => b.t)).toEqual([`${CLOCK_DATE}T05:00:00Z`]);
  });

  it('compares RFC 3339 bounds with each bar\'s midnight-New-York timestamp', async () => {
    const exchange = await anExchange(scenario);
    const at = async (start: string, end: string): Promise<string[] | undefined> =>
      (await page(exchange, `symbols=AAA&timeframe=1Day&start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`)).bars['AAA']?.map((b) => b.t.slice(0, 10));
    expect(await at('2025-11-04T05:00:00Z', '2025-11-06T05:00:00Z')).toEqual(['2025-11-04', '2025-11-05', '2025-11-06']);
    expect(await at('2025-11-04T05:00:01Z', '2025-11-06T04:59:59Z')).toEqual(['2025-11-05']);
    expect(await at('2025-11-04T00:00:00-05:00', '2025-11-05T23:59:59-05:00')).toEqual(['2025-11-04', '2025-11-05']);
  });

  it('sorts each symbol newest first with sort=desc and pages through it', async () => {
    const exchange = await anExchange(scenario);
    const pages = await allPages(exchange, 'symbols=AAA,CCC&timeframe=1Day&start=2025-11-10&end=2025-11-14&sort=desc&limit=3');
    const newestFirst = expectedTimes(data('AAA'), '2025-11-10', '2025-11-14').reverse();
    expect(merge(pages)).toEqual({ AAA: newestFirst, CCC: expectedTimes(data('CCC'), '2025-11-10', '2025-11-14').reverse() });
  });

  it('answers an empty map for symbols without data', async () => {
    expect(await page(await anExchange(scenario), 'symbols=NOPE&timeframe=1Day&start=2025-11-03')).toEqual({ bars: {}, next_page_token: null, currency: 'USD' });
  });

  it('accepts every documented feed and adjustment, serving the data as it is', async () => {
    const exchange = await anExchange(scenario);
    const plain = await page(exchange, 'symbols=AAA&timeframe=1Day&start=2025-11-03');
    for (const extra of ['feed=iex', 'feed=sip', 'feed=otc', 'feed=boats', 'adjustment=raw', 'adjustment=all', 'adjustment=split,spin-off', 'asof=2025-11-20', 'currency=USD']) {
      expect(await page(exchange, `symbols=AAA&timeframe=1Day&start=2025-11-03&${extra}`), extra).toEqual(plain);
    }
  });

  it.each([
    ['timeframe=1Day', /symbols/],
    ['symbols=AAA', /timeframe/],
    ['symbols=AAA&timeframe=1Hour', /invalid timeframe/],
    ['symbols=AAA&timeframe=1Day&limit=0', /invalid limit/],
    ['symbols=AAA&timeframe=1Day&limit=10001', /invalid limit/],
    ['symbols=AAA&timeframe=1Day&limit=ten', /invalid limit/],
    ['symbols=AAA&timeframe=1Day&feed=nasdaq', /invalid feed/],
    ['symbols=AAA&timeframe=1Day&adjustment=split,magic', /invalid adjustment/],
    ['symbols=AAA&timeframe=1Day&sort=random', /invalid sort/],
    ['symbols=AAA&timeframe=1Day&start=last-week', /invalid start/],
    ['symbols=AAA&timeframe=1Day&start=2025-11-10&end=2025-11-05', /end should not be before start/],
    ['symbols=AAA&timeframe=1Day&page_token=bm9wZQ==', /invalid page_token/],
  ])('rejects %s with 400', async (query, message) => {
    const reply = await get(await anExchange(scenario), `${MULTI}?${query}`);
    expect(reply.status).toBe(400);
    expectConformsToSpec('market-data', 'GET', '/v2/stocks/bars', 400, reply.body);
    expect(reply.body).toMatchObject({ code: expect.any(Number), message: expect.stringMatching(message) });
  });
});

describe('GET /v2/stocks/bars on a plan without SIP (marketData.sipForbidden)', () => {
  const REFUSAL = { code: 42210000, message: 'subscription does not permit querying recent SIP data' };
  const withPlan = (sipForbidden: boolean | 'recent') => anExchange({ ...scenario, marketData: { sipForbidden } });

  it('refuses every feed=sip request with Alpaca\'s 403 and serves iex and the default feed', async () => {
    const exchange = await withPlan(true);
    for (const path of [`${MULTI}?symbols=AAA&timeframe=1Day&start=2025-11-03&end=2025-11-10&feed=sip`, '/v2/stocks/AAA/bars?timeframe=1Day&start=2025-11-03&feed=sip']) {
      const reply = await get(exchange, path);
      expect(reply.status, path).toBe(403);
      expect(reply.body).toEqual(REFUSAL);
    }
    expectConformsToSpec('market-data', 'GET', '/v2/stocks/bars', 403, REFUSAL);
    const iex = await page(exchange, 'symbols=AAA&timeframe=1Day&start=2025-11-03&end=2025-11-10&feed=iex');
    expect(iex.bars['AAA']).toHaveLength(6);
    expect(await page(exchange, 'symbols=AAA&timeframe=1Day&start=2025-11-03&end=2025-11-10')).toEqual(iex);
  });

  it('with "recent", refuses sip only when end is missing or within 15 minutes of the clock (10:00 New York)', async () => {
    const exchange = await withPlan('recent');
    const status = async (end: string) => (await get(exchange, `${MULTI}?symbols=AAA&timeframe=1Day&start=2025-11-03&feed=sip${end}`)).status;
    expect(await status('')).toBe(403);
    expect(await status('&end=2025-11-20T14:50:00Z')).toBe(403);
    expect(await status('&end=2025-11-20T14:44:59Z')).toBe(200);
    expect(await status('&end=2025-11-19')).toBe(200);
  });
});

describe('GET /v2/stocks/{symbol}/bars', () => {
  it('serves one symbol as a list, paging with tokens', async () => {
    const exchange = await anExchange(scenario);
    const times: string[] = [];
    let token: string | null = null;
    do {
      const suffix: string = token === null ? '' : `&page_token=${encodeURIComponent(token)}`;
      const reply = await get(exchange, `/v2/stocks/bbb/bars?timeframe=1Day&start=2025-11-01&limit=2${suffix}`);
      expect(reply.status).toBe(200);
      expectConformsToSpec('market-data', 'GET', '/v2/stocks/{symbol}/bars', 200, reply.body);
      const body = reply.body as { bars: BarJson[]; symbol: string; next_page_token: string | null };
      expect(body.symbol).toBe('BBB');
      times.push(...body.bars.map((b) => b.t));
      token = body.next_page_token;
    } while (token !== null);
    expect(times).toEqual(expectedTimes(data('BBB'), '2025-11-01', CLOCK_DATE));
  });

  it('answers an empty list for a symbol without data and 400 for a bad timeframe', async () => {
    const exchange = await anExchange(scenario);
    expect((await get(exchange, '/v2/stocks/NOPE/bars?timeframe=1Day')).body).toEqual({ bars: [], symbol: 'NOPE', next_page_token: null });
    const bad = await get(exchange, '/v2/stocks/AAA/bars?timeframe=5Min');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: expect.stringMatching(/invalid timeframe/) });
  });
});
