/**
 * The shipped defaults on the demo: an ordinary forced run in each regime, from the demo's opening account, ends
 * complete (exit 0) with every position at its target. Before sizing left room for the executor's buying-power
 * reserve, TREND_BULL shrank its last buys and ended incomplete (exit 4).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCliAsync, scratchDir } from '../support/run-cli.js';

/** What the demo exchange holds after the run, from its saved state beside the trail. */
function heldOnDemo(cwd: string): Record<string, number> {
  const dir = join(cwd, 'logs', 'exchange-state');
  const [file] = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (file === undefined) throw new Error(`no exchange state in ${dir}`);
  const state = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { positions: { symbol: string; qty: number }[] };
  return Object.fromEntries(state.positions.filter((p) => p.qty !== 0).map((p) => [p.symbol, p.qty]));
}

interface Report {
  readonly exitCode: number;
  readonly regime: { readonly name: string };
  readonly targets: readonly { symbol: string; qty: number }[];
  readonly budget: { readonly allocated: number; readonly budget: number };
  readonly execution: {
    readonly status: string;
    readonly reason: string | null;
    readonly problems: readonly string[];
    readonly positionsAfter: readonly { symbol: string; qty: number; targetQty: number }[];
  } | null;
}

describe('rebalance --force on the demo, in every regime, with the shipped defaults', () => {
  it.each([
    ['bull', 'TREND_BULL'],
    ['neutral', 'TREND_NEUTRAL'],
    ['bear', 'TREND_BEAR'],
    ['crash', 'CRASH'],
  ])('--regime %s ends complete (exit 0) with positions equal to the targets', async (flag, name) => {
    const cwd = scratchDir();
    const run = await runBuiltCliAsync(['--regime', flag, '--force', '--json'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.regime.name).toBe(name);
    expect(report.exitCode).toBe(0);
    expect(report.execution?.status).toBe('complete');
    expect(report.execution?.problems).toEqual([]);
    const after = report.execution?.positionsAfter ?? [];
    expect(after.filter((p) => p.qty !== p.targetQty)).toEqual([]);
    // Everything the account holds is a target at its quantity (the demo account is the strategy's alone).
    const targets = Object.fromEntries(report.targets.filter((t) => t.qty > 0).map((t) => [t.symbol, t.qty]));
    expect(heldOnDemo(cwd)).toEqual(targets);
    if (name !== 'CRASH') expect(Object.keys(targets).length).toBeGreaterThan(0);
  }, 120_000);
});
