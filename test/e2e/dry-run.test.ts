import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, sharedData } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

interface Report {
  mode: string;
  broker: string;
  asOf: string;
  market: { isOpen: boolean };
  regime: { name: string; allocation: number; source: string };
  account: { equity: number; cash: number; buyingPower: number };
  universe: { name: string; size: number };
  picks: { rank: number; symbol: string; momentum: number; price: number; high52w: number }[];
  excluded: { symbol: string; reason: string }[];
  targets: { symbol: string; qty: number; price: number; value: number }[];
  orders: { action: string; side: string; symbol: string; qty: number; fromQty: number; toQty: number; phase: number }[];
  validation: { passed: boolean; gates: { id: number; name: string; status: string; messages: string[] }[] };
  deployment: { targetValue: number; plannedValue: number; pctOfTarget: number; pctOfEquity: number };
  exitCode: number;
}

/** Closes from a shared/data CSV, computed here independently of the tool. */
function closes(file: string, throughDate: string): number[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => (cells[0] ?? '') <= throughDate)
    .map((cells) => Number(cells[4]));
}

describe('rebalance --dry-run on the built-in demo scenario', () => {
  it('prints a complete, valid plan with OPEN, CLOSE and ADJUST orders (JSON)', () => {
    const run = runBuiltCli(['--dry-run', '--regime', 'TREND_NEUTRAL', '--json']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report).toMatchObject({ mode: 'dry-run', broker: 'local', exitCode: 0, regime: { name: 'TREND_NEUTRAL', allocation: 0.7, source: 'override' } });
    expect(report.universe).toEqual({ name: 'technology', size: 30 });
    expect(report.picks).toHaveLength(10);
    expect(new Set(report.orders.map((o) => o.action))).toEqual(new Set(['OPEN', 'CLOSE', 'ADJUST']));
    expect(report.validation.passed).toBe(true);
    expect(report.validation.gates.map((g) => g.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(report.deployment.plannedValue).toBeLessThanOrEqual(report.deployment.targetValue);
    expect(report.deployment.pctOfTarget).toBeGreaterThan(95);
    // Sells come first; buys second.
    expect(report.orders.every((o) => (o.side === 'sell' ? o.phase === 1 : o.phase === 2))).toBe(true);
  });

  it('prints the same plan as text for a person', () => {
    const run = runBuiltCli(['--dry-run', '--regime', 'neutral']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Rebalance plan (dry run: nothing is submitted)');
    expect(run.stdout).toContain('TREND_NEUTRAL (70.00% invested; override)');
    expect(run.stdout).toMatch(/Phase 1: SELL[\s\S]*Phase 2: BUY/);
    expect(run.stdout).toContain('plan valid');
    expect(run.stdout).toContain('synthetic');
  });

  it('says in the text report when the regime was computed without VIX', () => {
    // The demo has no VIX series: the detector runs with its VIX triggers off, and a person must be told.
    const run = runBuiltCli(['--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Regime {5}TREND_\w+ .*; detector\)\n {11}VIX triggers off: the local exchange has no VIX data$/m);
  });
});

describe('rebalance --dry-run on real bars (recent-2021-2026)', () => {
  const tmp = useTempDir();
  const dataDir = sharedData('recent-2021-2026', 'daily');

  function scenario(extra: Record<string, unknown> = {}): string {
    return tmp.write(
      'scenario.json',
      JSON.stringify({
        clock: '2026-04-10T10:15:00-04:00',
        dataDir,
        account: { cash: 60000 },
        positions: [
          { symbol: 'AAPL', qty: 40, avgEntryPrice: 250 },
          { symbol: 'INTC', qty: 300, avgEntryPrice: 30 },
        ],
        ...extra,
      }),
    );
  }

  it('ranks by 52-week-high momentum computed from the real closes and plans to the targets', () => {
    const run = runBuiltCli(['--dry-run', '--regime', 'TREND_BULL', '--scenario', scenario(), '--json']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.broker).toBe('local');
    expect(report.asOf.startsWith('2026-04-10T10:15:00')).toBe(true);
    expect(report.market.isOpen).toBe(true);
    // Technology names missing from this data set are excluded with a reason, not silently dropped.
    for (const missing of ['CRM', 'ORCL', 'IBM', 'NOW', 'CRWD']) {
      expect(report.excluded.find((e) => e.symbol === missing)?.reason).toBeTruthy();
    }
    expect(report.picks.length).toBeGreaterThan(0);
    for (const pick of report.picks) {
      const c = closes(join(dataDir, `${pick.symbol}.csv`), '2026-04-10');
      const window = c.slice(-252);
      const expected = (c[c.length - 1] ?? NaN) / Math.max(...window);
      expect(pick.momentum).toBeCloseTo(expected, 10);
      expect(pick.momentum).toBeGreaterThanOrEqual(0.9);
    }
    const momenta = report.picks.map((p) => p.momentum);
    expect([...momenta].sort((a, b) => b - a)).toEqual(momenta);
    // Equity = cash + positions at the latest close.
    const aapl = closes(join(dataDir, 'AAPL.csv'), '2026-04-10').at(-1) ?? NaN;
    const intc = closes(join(dataDir, 'INTC.csv'), '2026-04-10').at(-1) ?? NaN;
    expect(report.account.equity).toBeCloseTo(60000 + 40 * aapl + 300 * intc, 2);
    // Every order moves a holding to its target.
    const held = new Map([['AAPL', 40], ['INTC', 300]]);
    const target = new Map(report.targets.map((t) => [t.symbol, t.qty]));
    for (const order of report.orders) {
      expect(order.fromQty).toBe(held.get(order.symbol) ?? 0);
      expect(order.toQty).toBe(target.get(order.symbol) ?? 0);
      expect(order.qty).toBe(Math.abs(order.toQty - order.fromQty));
    }
    expect(report.exitCode).toBe(run.code);
  });

  it('fails the market-hours gate outside regular hours only when trading for real, and warns on a dry run', () => {
    const run = runBuiltCli(['--dry-run', '--regime', 'bull', '--scenario', scenario({ clock: '2026-04-11T12:00:00-04:00' }), '--json']);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.market.isOpen).toBe(false);
    expect(report.validation.gates.find((g) => g.id === 5)?.status).toBe('warn');
  });

  it('blocks the plan with exit 3 when a gate fails', () => {
    // A margin debit: buying power far below what the buys need.
    const run = runBuiltCli(['--dry-run', '--regime', 'bull', '--scenario', scenario({ account: { cash: 60000, buyingPower: 100 } }), '--json']);
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(3);
    expect(report.exitCode).toBe(3);
    expect(report.validation.passed).toBe(false);
    expect(report.validation.gates.find((g) => g.id === 2)?.status).toBe('fail');
  });

  it('sells everything in CRASH and buys nothing', () => {
    const run = runBuiltCli(['--dry-run', '--regime', 'CRASH', '--scenario', scenario(), '--json']);
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(0);
    expect(report.orders.map((o) => `${o.action} ${o.side} ${o.symbol} ${o.qty}`).sort()).toEqual(['CLOSE sell AAPL 40', 'CLOSE sell INTC 300']);
    expect(report.targets.every((t) => t.qty === 0)).toBe(true);
  });
});
