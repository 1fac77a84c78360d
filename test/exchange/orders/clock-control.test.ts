import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../../src/exchange/routes/control.js';
import { aScenario, anExchange, barOn, get } from '../helpers.js';
import type { Json } from './support.js';
import { fillRules, moveClock, place, recordEvents, waitFor, waitForStatus } from './support.js';

/** Thursday 2025-11-20 17:00 in New York: after the close. */
const AFTER_CLOSE = new Date('2025-11-20T22:00:00Z');
const FRIDAY_OPEN = '2025-11-21T14:30:00Z';
const FRIDAY_CLOSE = '2025-11-21T21:00:00.000Z';
const THURSDAY_CLOSE = '2025-11-20T21:00:00.000Z';

describe('orders and the exchange clock', () => {
  it('queues an order placed after the close as "accepted" and fills it at the next open, at that day\'s price', async () => {
    const scenario = aScenario({ clock: AFTER_CLOSE, fills: fillRules() });
    const exchange = await anExchange(scenario);
    const events = recordEvents(exchange);
    const placed = await place(exchange, { qty: '2' });
    expect(placed).toMatchObject({ status: 'accepted', expires_at: FRIDAY_CLOSE });

    // Still closed an hour later: nothing moves.
    expect((await moveClock(exchange, { advanceMs: 3_600_000 })).body).toMatchObject({ is_open: false });
    expect((await get(exchange, `/v2/orders/${String(placed['id'])}`)).body).toMatchObject({ status: 'accepted' });

    const opened = await moveClock(exchange, { to: FRIDAY_OPEN });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ is_open: true, timestamp: '2025-11-21T09:30:00-05:00' });
    const filled = await waitForStatus(exchange, placed['id'], 'filled');
    expect(filled['filled_avg_price']).toBe(String(barOn(scenario, 'AAPL', '2025-11-21').close));
    expect(Date.parse(filled['filled_at'] as string)).toBeGreaterThanOrEqual(Date.parse(FRIDAY_OPEN));
    expect(events.map((e) => e.event)).toEqual(['new', 'fill']);
  });

  it('expires an open day order when the clock passes the close, and keeps a GTC order', async () => {
    const exchange = await anExchange(aScenario({ fills: fillRules({ neverFill: ['AAPL', 'SPY'] }) }));
    const events = recordEvents(exchange);
    const day = await place(exchange, { qty: '1' });
    const gtc = await place(exchange, { symbol: 'SPY', qty: '1', time_in_force: 'gtc' });
    expect(day['expires_at']).toBe(THURSDAY_CLOSE);

    await moveClock(exchange, { advanceMs: 6 * 3_600_000 });
    const expired = await waitForStatus(exchange, day['id'], 'expired');
    expect(expired['expired_at']).toBe(THURSDAY_CLOSE);
    expect((await get(exchange, `/v2/orders/${String(gtc['id'])}`)).body).toMatchObject({ status: 'new' });
    expect(events.filter((e) => e.event === 'expired').map((e) => e.order['id'])).toEqual([day['id']]);
  });

  it('expires a queued day order when the clock jumps past the session it was waiting for', async () => {
    const exchange = await anExchange(aScenario({ clock: AFTER_CLOSE, fills: fillRules() }));
    const placed = await place(exchange, { qty: '1' });
    await moveClock(exchange, { to: '2025-11-21T22:00:00Z' });
    expect(await waitForStatus(exchange, placed['id'], 'expired')).toMatchObject({ filled_qty: '0' });
  });

  it('expires a day order on its own when wall time reaches the close', async () => {
    // 200 ms before the close: the exchange clock runs on with the wall clock.
    const exchange = await anExchange(aScenario({ clock: new Date('2025-11-20T20:59:59.800Z'), fills: fillRules({ neverFill: ['AAPL'] }) }));
    const placed = await place(exchange, { qty: '1' });
    expect(await waitForStatus(exchange, placed['id'], 'expired')).toMatchObject({ expired_at: THURSDAY_CLOSE });
  });

  it('moves GET /v2/clock along, needs no API keys, and refuses a malformed request with 400', async () => {
    const exchange = await anExchange();
    const moved = await fetch(`${exchange.baseUrl}/_control/clock`, { method: 'POST', body: JSON.stringify({ to: '2025-11-24T15:00:00Z' }) });
    expect(moved.status).toBe(200);
    expect((await get(exchange, '/v2/clock')).body).toMatchObject({ timestamp: '2025-11-24T10:00:00-05:00', is_open: true });
    for (const body of [{}, { to: 'tomorrow' }, { advanceMs: -1 }, { to: '2025-11-24T15:00:00Z', advanceMs: 1 }, { advanceMs: 1, extra: true }]) {
      const reply = await moveClock(exchange, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect((reply.body as Json)['message']).toContain('"advanceMs"');
    }
  });

  it('shows cash, positions and every order in GET /_control/state', async () => {
    const exchange = await anExchange(aScenario({ positions: [{ symbol: 'MSFT', qty: 2, avgEntryPrice: 300 }], fills: fillRules() }));
    const placed = await place(exchange, { qty: '1' });
    const state = await waitFor('the fill in the control state', async () => {
      const body = (await get(exchange, '/_control/state', {})).body as Json;
      return (body['orders'] as Json[])[0]?.['status'] === 'filled' ? body : undefined;
    });
    expect(state).toMatchObject({
      is_open: true,
      positions: [
        { symbol: 'AAPL', qty: 1 },
        { symbol: 'MSFT', qty: 2, avg_entry_price: 300 },
      ],
      orders: [{ id: placed['id'], status: 'filled' }],
    });
    expect(state['cash']).toBeLessThan(10_000);
  });
});

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.5.6.7', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s -> %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});
