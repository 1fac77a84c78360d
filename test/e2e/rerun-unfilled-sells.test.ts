import { describe, expect, it } from 'vitest';
import { ExecutionFixture, type ExchangeOrder, type ExecutionRun } from '../support/execution-fixture.js';
import { useTempDir } from '../support/temp-dir.js';

const FINAL = new Set(['filled', 'canceled', 'expired', 'rejected', 'replaced', 'done_for_day']);
const open = (orders: readonly ExchangeOrder[]): ExchangeOrder[] => orders.filter((o) => !FINAL.has(o.status));
const reasonOf = (run: ExecutionRun): string => String((run.report['execution'] as { reason: string | null }).reason);

/**
 * Alpaca refuses a reused client order id even for a cancelled order. A rerun that re-plans the same sells must sell
 * again under new ids, and must never buy while the names it means to sell are still held.
 */
describe('a rerun after sells that did not fill', () => {
  const tmp = useTempDir();

  it('market closed, --force twice: the second run queues the sells again and no buy', async () => {
    const fx = new ExecutionFixture(tmp.path(), { clock: '2026-04-11T12:00:00-04:00' }, {}, tmp.write);
    const first = await fx.run(['--force']);
    expect(first.code, first.stderr).toBe(4);
    const queued = open(fx.orders());
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((o) => o.side === 'sell')).toBe(true);
    const sold = new Set(queued.map((o) => o.symbol));

    const second = await fx.run(['--force']);
    expect(second.code, second.stderr).toBe(4);
    const stillOpen = open(fx.orders());
    expect(stillOpen.filter((o) => o.side === 'buy')).toEqual([]);
    // The names to sell are still held, and each has a sell queued again under a new id.
    const held = fx.positions();
    for (const symbol of sold) {
      expect(held.get(symbol) ?? 0, symbol).toBeGreaterThan(0);
      expect(stillOpen.filter((o) => o.symbol === symbol && o.side === 'sell'), symbol).toHaveLength(1);
    }
    expect(fx.orders().filter((o) => o.side === 'buy')).toEqual([]);
    const ids = fx.orders().map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(stillOpen.every((o) => o.clientOrderId.endsWith('-a2'))).toBe(true);
    expect(reasonOf(second)).toMatch(/left queued for the open|no buy was sent/);
  });

  it('sells that never fill, then a rerun: the rerun sells again, times out and fills no buy', async () => {
    // Every sell stays unfilled, so the rerun plans exactly what the first run planned.
    const start = new Map([['AAPL', 40], ['INTC', 300], ['MSFT', 10]]);
    const fx = new ExecutionFixture(tmp.path(), { fills: { delayMs: 30, neverFill: [...start.keys()] } }, { execution: { fillTimeoutSec: 1, pollIntervalSec: 0.2 } }, tmp.write);
    const first = await fx.run();
    expect(first.code, first.stderr).toBe(4);
    const firstSells = fx.orders().filter((o) => o.side === 'sell');
    expect(firstSells.length).toBeGreaterThan(0);
    expect(fx.positions()).toEqual(start);

    const second = await fx.run();
    expect(second.code, second.stderr).toBe(4);
    expect(fx.positions()).toEqual(start);
    expect(fx.orders().filter((o) => o.side === 'buy')).toEqual([]);
    // Each sell was sent again under a new id, timed out and was cancelled.
    const sells = fx.orders().filter((o) => o.side === 'sell');
    expect(sells).toHaveLength(firstSells.length * 2);
    expect(sells.every((o) => o.status === 'canceled')).toBe(true);
    expect(sells.filter((o) => o.clientOrderId.endsWith('-a2'))).toHaveLength(firstSells.length);
    expect(reasonOf(second)).toMatch(/not filled/);
  });
});
