import { describe, expect, it } from 'vitest';
import { ExecutionFixture, type ExecutionRun, type TrailRow } from '../support/execution-fixture.js';
import { runBuiltCliAsync } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

interface Execution {
  status: string;
  reason: string | null;
  orders: { symbol: string; side: string; qty: number; status: string; filledQty: number; phase: number }[];
  positionsAfter: { symbol: string; qty: number; targetQty: number }[];
}
const execution = (run: ExecutionRun): Execution => run.report['execution'] as Execution;
const events = (rows: readonly TrailRow[], event: string): TrailRow[] => rows.filter((r) => r['event'] === event);

/** Holdings equal the plan's targets, and no order was placed twice for one intent. */
function expectAtTargets(fx: ExecutionFixture, targets: ReadonlyMap<string, number>): void {
  const held = fx.positions();
  for (const [symbol, target] of targets) expect(held.get(symbol) ?? 0, symbol).toBe(target);
  const ids = fx.orders().map((o) => o.clientOrderId);
  expect(new Set(ids).size).toBe(ids.length);
}

function targetsOf(run: ExecutionRun): Map<string, number> {
  return new Map(execution(run).positionsAfter.map((p) => [p.symbol, p.targetQty]));
}

describe('rebalance (paper) on the local exchange', () => {
  const tmp = useTempDir();
  const fixture = (scenario: Record<string, unknown> = {}, config: Record<string, unknown> = {}): ExecutionFixture =>
    new ExecutionFixture(tmp.path(), scenario, config, tmp.write);

  it('reaches the targets exactly, sells before buys, and records every step in the trail', async () => {
    const fx = fixture();
    const run = await fx.run();
    expect(run.code, run.stderr).toBe(0);
    expect(run.report['mode']).toBe('local');
    const ex = execution(run);
    expect(ex.status).toBe('complete');
    expect(ex.positionsAfter.every((p) => p.qty === p.targetQty)).toBe(true);
    expectAtTargets(fx, targetsOf(run));
    const rows = fx.trail();
    const submitted = events(rows, 'order_submitted');
    expect(submitted.length).toBe(ex.orders.length);
    expect(events(rows, 'order_filled').length).toBe(ex.orders.length);
    // The last sell fill comes before the first buy submission.
    const lastSellFill = Math.max(...rows.map((r, i) => (r['event'] === 'order_filled' && r['side'] === 'sell' ? i : -1)));
    const firstBuy = rows.findIndex((r) => r['event'] === 'order_submitted' && r['side'] === 'buy');
    expect(lastSellFill).toBeGreaterThanOrEqual(0);
    expect(firstBuy).toBeGreaterThan(lastSellFill);
    expect(rows[0]?.['event']).toBe('run_started');
    expect(rows.at(-1)).toMatchObject({ event: 'run_finished', status: 'complete', mode: 'local' });
    expect(rows.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[45]:00$/.test(r['timestamp'] ?? ''))).toBe(true);

    // A rerun on the same day finds nothing to do.
    const again = await fx.run();
    expect(again.code).toBe(0);
    expect(again.report['orders']).toEqual([]);
    expect(fx.orders().length).toBe(ex.orders.length);
  });

  it('completes with 5xx on 20% of GETs', async () => {
    const fx = fixture({ faults: { errorRate: 0.2, seed: 7 } });
    const run = await fx.run();
    expect(run.code, run.stderr).toBe(0);
    expectAtTargets(fx, targetsOf(run));
  });

  it('completes through 429 bursts, honouring the reset', async () => {
    const fx = fixture({ faults: { rateLimitPerMinute: 8, rateLimitWindowMs: 1000 } });
    const run = await fx.run();
    expect(run.code, run.stderr).toBe(0);
    expectAtTargets(fx, targetsOf(run));
  });

  it('places no duplicate when the connection drops after the exchange accepted an order', async () => {
    const fx = fixture({ faults: { dropAfterOrderAccepted: 2 } });
    const run = await fx.run();
    expect(run.code, run.stderr).toBe(0);
    expectAtTargets(fx, targetsOf(run));
    expect(fx.orders().length).toBe(execution(run).orders.length);
  });

  it('exits 4 with the reason in the trail when a buy is rejected', async () => {
    const fx = fixture({ fills: { delayMs: 30, reject: ['NVDA'] } }, { topN: 10, scanner: { minMomentum: 0 } });
    const run = await fx.run();
    expect(run.code).toBe(4);
    expect(execution(run).status).toBe('incomplete');
    const rejected = events(fx.trail(), 'order_rejected');
    expect(rejected.map((r) => r['symbol'])).toEqual(['NVDA']);
    expect(run.report['execution']).toMatchObject({ status: 'incomplete' });
    expect(JSON.stringify(execution(run))).toContain('NVDA');
  });

  it('after an incomplete run reports what is held, not what was planned', async () => {
    const fx = fixture({ fills: { delayMs: 30, reject: ['NVDA'] } }, { topN: 10, scanner: { minMomentum: 0 } });
    const run = await fx.run();
    expect(run.code).toBe(4);
    const targets = run.report['targets'] as { symbol: string; qty: number; price: number }[];
    const deployment = run.report['deployment'] as { plannedValue: number; targetValue: number; heldAfter: { value: number } | null };
    // What the exchange says is held, valued at the plan's prices, computed here from the exchange's own state.
    const held = fx.positions();
    const heldValue = targets.reduce((sum, t) => sum + (held.get(t.symbol) ?? 0) * t.price, 0);
    expect(targets.map((t) => t.symbol)).toContain('NVDA');
    expect(held.get('NVDA') ?? 0).toBe(0);
    expect(deployment.heldAfter?.value).toBeCloseTo(heldValue, 1);
    expect(deployment.heldAfter?.value ?? Infinity).toBeLessThan(deployment.plannedValue - 1);

  });

  it('after an incomplete run leads the text report with what is held', async () => {
    const fx = fixture({ fills: { delayMs: 30, reject: ['NVDA'] } }, { topN: 10, scanner: { minMomentum: 0 } });
    const text = await runBuiltCliAsync(fx.args().filter((a) => a !== '--json'), { cwd: fx.dir });
    expect(text.code).toBe(4);
    // The Targets table as printed: symbol, qty, price, value.
    const section = text.stdout.slice(text.stdout.indexOf('\nTargets\n'), text.stdout.indexOf('\nPhase 1'));
    const targets = [...section.matchAll(/^ {2}([A-Z]+) +([\d.]+) +\$([\d,.]+) /gm)].map((m) => ({
      symbol: m[1] ?? '',
      price: Number((m[3] ?? '').replaceAll(',', '')),
    }));
    expect(targets.map((t) => t.symbol)).toContain('NVDA');
    const held = fx.positions();
    const heldValue = targets.reduce((sum, t) => sum + (held.get(t.symbol) ?? 0) * t.price, 0);
    const money = (n: number): string => n.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
    expect(text.stdout).toContain(`Deployment ${money(Math.round(heldValue * 100) / 100)} held of `);
    expect(text.stdout).toMatch(/after the run \(\d+\.\d\d% of target, [\d.]+% of equity\); planned /);
  });

  it('resizes the buys to the buying power actually freed when a sell fills only partly', async () => {
    // No cash: the buys are paid by the sells; INTC fills only 10%.
    const fx = fixture({ account: { cash: 0 }, fills: { delayMs: 30, partial: { INTC: 0.1 } } }, { execution: { fillTimeoutSec: 1, pollIntervalSec: 0.2 } });
    const run = await fx.run();
    expect(run.code).toBe(4);
    const rows = fx.trail();
    // The partly filled sell times out, is cancelled, and no buy is sent.
    expect(events(rows, 'fill_timeout').map((r) => r['symbol'])).toContain('INTC');
    expect(events(rows, 'order_submitted').filter((r) => r['side'] === 'buy')).toEqual([]);
  });

  it('shrinks the buys when buying power after the sells is short, and says so', async () => {
    // Sells fill in full but with heavy slippage: proceeds fall short of the plan's.
    const fx = fixture({ account: { cash: 0 }, fills: { delayMs: 30, slippageBps: 3000 } });
    const run = await fx.run(['--regime', 'bull']);
    expect(run.code).toBe(4);
    const resized = events(fx.trail(), 'buys_resized');
    expect(resized.length).toBeGreaterThan(0);
    expect(resized[0]?.['reason']).toMatch(/buying power/);
    const state = fx.orders().filter((o) => o.side === 'buy' && o.status === 'filled');
    expect(state.length).toBeGreaterThan(0);
  });

  it('times out a sell that never fills, cancels it, sends no buy and exits 4', async () => {
    const fx = fixture({ fills: { delayMs: 30, neverFill: ['INTC'] } }, { execution: { fillTimeoutSec: 1, pollIntervalSec: 0.2 } });
    const run = await fx.run();
    expect(run.code).toBe(4);
    const rows = fx.trail();
    expect(events(rows, 'fill_timeout').map((r) => r['symbol'])).toEqual(['INTC']);
    expect(events(rows, 'order_canceled').map((r) => r['symbol'])).toEqual(['INTC']);
    expect(events(rows, 'order_submitted').filter((r) => r['side'] === 'buy')).toEqual([]);
    expect(fx.orders().filter((o) => o.side === 'buy')).toEqual([]);
  });

  it('survives SIGKILL after phase 1 and again after phase 2: the rerun reaches the targets with no duplicate', async () => {
    const fx = fixture({ fills: { delayMs: 300 } });
    const plan = await fx.run(['--dry-run']);
    const targets = new Map((plan.report['targets'] as { symbol: string; qty: number }[]).map((t) => [t.symbol, t.qty]));
    await fx.runAndKill((rows) => rows.some((r) => r['event'] === 'order_submitted' && r['side'] === 'buy'));
    const afterFirst = fx.orders().length;
    expect(afterFirst).toBeGreaterThan(0);
    await fx.runAndKill((rows) => events(rows, 'order_submitted').filter((r) => r['side'] === 'buy').length >= 3 && rows.at(-1)?.['event'] !== 'run_started');
    const run = await fx.run();
    expect(run.code, run.stderr).toBe(0);
    for (const [symbol, qty] of targets) expect(fx.positions().get(symbol) ?? 0, symbol).toBe(qty);
    const held = fx.positions();
    for (const symbol of ['AAPL', 'INTC', 'MSFT']) if (!targets.has(symbol)) expect(held.get(symbol) ?? 0).toBe(0);
    const ids = fx.orders().map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    // Never above target: the filled buys of a symbol add up to at most its target.
    for (const [symbol, qty] of targets) {
      const bought = fx.orders().filter((o) => o.symbol === symbol && o.side === 'buy').reduce((s, o) => s + o.filledQty, 0);
      expect(bought, symbol).toBeLessThanOrEqual(qty);
    }
  });

  it('lets only one of two concurrent runs trade: the other exits 5 naming the holder', async () => {
    const fx = fixture({ fills: { delayMs: 400 } });
    const [a, b] = await Promise.all([fx.run(), fx.run()]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 5]);
    const loser = a.code === 5 ? a : b;
    expect(loser.stderr).toMatch(/another rebalance is running \(pid \d+, since /);
    expectAtTargets(fx, targetsOf(a.code === 0 ? a : b));
  });

  it('keeps every row when the trail rotates at a tiny size', async () => {
    const plain = fixture();
    const plainRun = await plain.run();
    const rotatingDir = tmp.write('rotating/.keep', '');
    const rotating = new ExecutionFixture(rotatingDir.replace(/\/\.keep$/, ''), {}, { audit: { maxBytes: 1024 } }, (name, content) => tmp.write(`rotating/${name}`, content));
    const rotatingRun = await rotating.run();
    expect([plainRun.code, rotatingRun.code]).toEqual([0, 0]);
    const shape = (rows: readonly TrailRow[]): string[] => rows.map((r) => `${r['event']}|${r['symbol']}|${r['side']}|${r['qty']}|${r['status']}`).sort();
    expect(shape(rotating.trail())).toEqual(shape(plain.trail()));
  });
});

describe('rebalance (paper) while the market is closed', () => {
  const tmp = useTempDir();
  const saturday = { clock: '2026-04-11T12:00:00-04:00' };

  it('skips with exit 5 and submits nothing', async () => {
    const fx = new ExecutionFixture(tmp.path(), saturday, {}, tmp.write);
    const run = await fx.run();
    expect(run.code).toBe(5);
    expect(run.report).toMatchObject({ execution: { status: 'skipped' } });
    expect(run.stderr).toContain('skipped: market closed (next open 2026-04-13T09:30:00-04:00)');
    expect(events(fx.trail(), 'order_submitted')).toEqual([]);
  });

  it('with --force queues the sells for the open, sends no buy, and exits 4 saying so', async () => {
    const fx = new ExecutionFixture(tmp.path(), saturday, {}, tmp.write);
    const run = await fx.run(['--force']);
    expect(run.code).toBe(4);
    const sells = fx.orders();
    expect(sells.length).toBeGreaterThan(0);
    expect(sells.every((o) => o.side === 'sell' && o.status === 'accepted')).toBe(true);
    // They belong to Monday's session, the one they will trade in.
    expect(sells.every((o) => o.clientOrderId.startsWith('rb-20260413-'))).toBe(true);
    expect(events(fx.trail(), 'fill_timeout').every((r) => r['reason']?.includes('left queued for the open'))).toBe(true);
  });
});

describe('rebalance (paper) on a blocked account', () => {
  const tmp = useTempDir();

  it('exits 5 "blocked" before planning and submits nothing', async () => {
    const fx = new ExecutionFixture(tmp.path(), { account: { cash: 60000, tradingBlocked: true } }, {}, tmp.write);
    const run = await fx.run();
    expect(run.code).toBe(5);
    expect(run.report).toMatchObject({ execution: { status: 'blocked' } });
    expect(run.stderr).toContain('blocked: account status ACTIVE, trading blocked');
    expect(events(fx.trail(), 'order_submitted')).toEqual([]);
    expect(fx.trail().at(-1)).toMatchObject({ event: 'run_finished', status: 'blocked' });
  });
});
