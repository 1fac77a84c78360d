import { describe, expect, it } from 'vitest';
import { runBuiltCli, scratchDir } from '../support/run-cli.js';

interface Report {
  readonly exitCode: number;
  readonly orders: readonly { action: string; symbol: string }[];
  readonly withinBand: readonly { symbol: string; fromQty: number; toQty: number; value: number; rule: string }[];
  readonly execution: { readonly status: string; readonly positionsAfter: readonly { qty: number; targetQty: number }[] } | null;
}

const json = (stdout: string): Report => JSON.parse(stdout) as Report;

describe('the drift band on the demo', () => {
  it('after a trade to target, a rerun that would only move fractions of a share sends nothing and lists them as within band', () => {
    const cwd = scratchDir();
    const trade = runBuiltCli(['--regime', 'neutral', '--force', '--json'], { cwd });
    expect(trade.code, trade.stderr).toBe(0);
    expect(json(trade.stdout).execution?.status).toBe('complete');
    const same = json(runBuiltCli(['--regime', 'neutral', '--force', '--json'], { cwd }).stdout);
    expect([same.exitCode, same.orders]).toEqual([0, []]);

    // Fractional sizing spreads the same budget to the cent: every pick is a fraction of a share ($5 to $400) off.
    const rerun = runBuiltCli(['--regime', 'neutral', '--force', '--sizing', 'fractional', '--json'], { cwd });
    expect(rerun.code, rerun.stderr).toBe(0);
    const report = json(rerun.stdout);
    expect(report.orders).toEqual([]);
    expect(report.withinBand).toHaveLength(10);
    expect(new Set(report.withinBand.map((w) => w.rule))).toEqual(new Set(['minOrderValue', 'driftBand']));
    for (const w of report.withinBand) {
      expect(Number.isInteger(w.fromQty) && !Number.isInteger(w.toQty), w.symbol).toBe(true);
      expect(w.value).toBeGreaterThan(0);
    }
    // Nothing sent is no shortfall: every position equals its target, which for a held-back symbol is what it holds.
    expect(report.execution?.status).toBe('complete');
    expect(report.execution?.positionsAfter.every((p) => p.qty === p.targetQty)).toBe(true);

    // Nothing was sent, so the plan is the same again; the text report shows the amounts held back.
    const dry = runBuiltCli(['--dry-run', '--regime', 'neutral', '--sizing', 'fractional'], { cwd });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/\nWithin band \(not sent: 10 adjusts too small to be worth an order\)\n {2}symbol +from +to +value +rule\n/);
    expect(dry.stdout).toMatch(/\n {2}AMD +34 +33\.977283 +\$\d+\.\d\d +under sizing\.minOrderValue\n/);
    expect(dry.stdout).toMatch(/Phase 1: SELL \(0 orders\)[\s\S]*Phase 2: BUY \(0 orders\)/);
  });
});
