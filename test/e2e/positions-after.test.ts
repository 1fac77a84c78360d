import { describe, expect, it } from 'vitest';
import { ExecutionFixture, type ExecutionRun } from '../support/execution-fixture.js';
import { useTempDir } from '../support/temp-dir.js';

interface Checked {
  symbol: string;
  qty: number;
  targetQty: number;
}
const positionsAfter = (run: ExecutionRun): Checked[] => (run.report['execution'] as { positionsAfter: Checked[] }).positionsAfter;
const targetsOf = (run: ExecutionRun): { symbol: string; qty: number }[] => run.report['targets'] as { symbol: string; qty: number }[];

describe('the report checks every target', () => {
  const tmp = useTempDir();

  it('on a rerun that only had buys left, lists every target, not only the symbol it bought', async () => {
    // NVDA's buy is refused: the first run ends short of it, the rerun has only that buy left.
    const fx = new ExecutionFixture(tmp.path(), { fills: { delayMs: 30, reject: ['NVDA'] } }, { topN: 10, scanner: { minMomentum: 0 } }, tmp.write);
    const first = await fx.run();
    expect(first.code, first.stderr).toBe(4);
    const second = await fx.run();
    expect(second.code, second.stderr).toBe(4);
    const orders = second.report['orders'] as { symbol: string; side: string }[];
    expect(orders.map((o) => `${o.side} ${o.symbol}`)).toEqual(['buy NVDA']);

    const checked = positionsAfter(second);
    const targets = targetsOf(second);
    expect(targets.length).toBeGreaterThan(1);
    expect(checked.map((c) => c.symbol).sort()).toEqual(targets.map((t) => t.symbol).sort());
    const held = fx.positions();
    for (const c of checked) expect(c.qty, c.symbol).toBe(held.get(c.symbol) ?? 0);
    expect(checked.filter((c) => c.qty !== c.targetQty).map((c) => c.symbol)).toEqual(['NVDA']);
  });
});
