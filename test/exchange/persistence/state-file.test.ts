import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FillRules, MarketScenario } from '../../../src/exchange/scenario.js';
import { startExchange } from '../../../src/exchange/server.js';
import { aScenario, aTempDir, anExchange, get } from '../helpers.js';
import type { Json } from '../orders/support.js';
import { fillRules, moveClock, place, send, waitForStatus } from '../orders/support.js';

function persisted(statePath: string, fills: Partial<FillRules> = {}): MarketScenario {
  return aScenario({
    positions: [{ symbol: 'AAPL', qty: 10, avgEntryPrice: 90 }],
    fills: fillRules({ neverFill: ['SPY'], ...fills }),
    statePath,
  });
}

async function allOrders(exchange: Awaited<ReturnType<typeof anExchange>>): Promise<Json[]> {
  return (await get(exchange, '/v2/orders?status=all&direction=asc')).body as Json[];
}

describe('exchange state persistence', () => {
  it('restarts with the same orders, positions, cash and clock', async () => {
    const path = join(await aTempDir(), 'state.json');
    const first = await anExchange(persisted(path));
    const filled = await place(first, { qty: '3', client_order_id: 'keep-me' });
    await waitForStatus(first, filled['id'], 'filled');
    await place(first, { symbol: 'SPY', qty: '1' });
    await moveClock(first, { advanceMs: 3_600_000 });
    const before = { orders: await allOrders(first), positions: (await get(first, '/v2/positions')).body, account: (await get(first, '/v2/account')).body };
    const clockBefore = Date.parse(((await get(first, '/v2/clock')).body as Json)['timestamp'] as string);
    await first.close();

    const second = await anExchange(persisted(path));
    expect(await allOrders(second)).toEqual(before.orders);
    expect((await get(second, '/v2/positions')).body).toEqual(before.positions);
    expect(((await get(second, '/v2/account')).body as Json)['cash']).toBe((before.account as Json)['cash']);
    const clockAfter = Date.parse(((await get(second, '/v2/clock')).body as Json)['timestamp'] as string);
    expect(clockAfter - clockBefore).toBeGreaterThanOrEqual(0);
    expect(clockAfter - clockBefore).toBeLessThan(60_000);
    // Client order ids stay taken across restarts.
    expect((await send(second, 'POST', '/v2/orders', { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'keep-me' })).status).toBe(422);
  });

  it('resumes an open order after a restart: its fill timer starts again', async () => {
    const path = join(await aTempDir(), 'state.json');
    // The first run would take a minute to fill; it is closed long before.
    const first = await anExchange(persisted(path, { delayMs: 60_000 }));
    const open = await place(first, { qty: '2' });
    await first.close();

    const second = await anExchange(persisted(path, { delayMs: 10 }));
    expect(await waitForStatus(second, open['id'], 'filled')).toMatchObject({ filled_qty: '2' });
    expect((await get(second, '/v2/positions/AAPL')).body).toMatchObject({ qty: '12' });
  });

  it('keeps every written file complete, and leaves no temporary file behind', async () => {
    const dir = await aTempDir();
    const path = join(dir, 'nested', 'state.json');
    const exchange = await anExchange(persisted(path));
    let placed = false;
    const placing = Promise.all(Array.from({ length: 20 }, () => place(exchange, { symbol: 'SPY', qty: '0.01' }))).finally(() => {
      placed = true;
    });
    // Read while the exchange rewrites the file: every read must parse as a whole document.
    const reads: unknown[] = [];
    while (!placed) {
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text !== undefined) reads.push(JSON.parse(text));
    }
    await placing;
    await exchange.close();
    expect(reads.length).toBeGreaterThan(0);
    const final = JSON.parse(await readFile(path, 'utf8')) as Json;
    expect(final['orders']).toHaveLength(20);
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json']);
  });

  it('keeps different scenarios in different files', async () => {
    const dir = await aTempDir();
    const a = await anExchange(persisted(join(dir, 'a.json')));
    const b = await anExchange(persisted(join(dir, 'b.json')));
    await place(a, { symbol: 'SPY', qty: '1' });
    await b.close();
    await a.close();
    expect(await allOrders(await anExchange(persisted(join(dir, 'b.json'))))).toEqual([]);
    expect(await allOrders(await anExchange(persisted(join(dir, 'a.json'))))).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"version": 1,', /is not valid JSON/],
    ['JSON of the wrong shape', '{"version": 1, "cash": "lots"}', /is malformed: .*cash/],
    ['an unknown format version', '{"version": 2}', /is malformed: version/],
  ])('refuses to start on a state file that is %s, naming the file', async (_name, content, problem) => {
    const path = join(await aTempDir(), 'broken.json');
    await writeFile(path, content);
    const start = startExchange({ scenario: persisted(path) });
    await expect(start).rejects.toThrow(`exchange state file ${path}`);
    await expect(start).rejects.toThrow(problem);
  });
});
