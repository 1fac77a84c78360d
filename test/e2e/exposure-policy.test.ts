import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, scratchDir } from '../support/run-cli.js';
import { readCsv } from '../support/read-csv.js';

interface Report {
  kind: string;
  outcome: string;
  exitCode: number;
  orders: { action: string; side: string; symbol: string; toQty: number }[];
  picks: { symbol: string }[];
  execution: { status: string; positionsAfter: { symbol: string; qty: number }[] } | null;
  reason?: string;
}

/** The demo (a Thursday between semi-annual rebalance days) with a config in a fresh folder. */
function demo(exposure: Record<string, unknown>): { run: (...args: string[]) => { code: number | null; report: Report; stderr: string }; cwd: string } {
  const cwd = scratchDir();
  writeFileSync(join(cwd, 'config.json'), JSON.stringify({ exposure }));
  return {
    cwd,
    run: (...args) => {
      const r = runBuiltCli(['--config', 'config.json', '--json', ...args], { cwd });
      return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
    },
  };
}

describe('exposure.policy "regime": the regime acts between rebalance days', () => {
  it('a run that moves to CRASH sells everything that day; back to TREND_BULL it buys the current picks', () => {
    const { run, cwd } = demo({ policy: 'regime', minDaysBetween: 0 });
    const crash = run('--regime', 'CRASH');
    expect(crash.code, crash.stderr).toBe(0);
    expect(crash.report.kind).toBe('exposure');
    expect(crash.report.orders.length).toBeGreaterThan(0);
    expect(crash.report.orders.every((o) => o.side === 'sell' && o.toQty === 0)).toBe(true);
    expect(crash.report.execution?.positionsAfter.every((p) => p.qty === 0)).toBe(true);

    const again = run('--regime', 'CRASH');
    expect(again.code).toBe(0);
    expect(again.report).toMatchObject({ kind: 'none', outcome: 'ok', exitCode: 0 });
    expect(again.report.reason).toContain('within the 10.0% band');

    const bull = run('--regime', 'TREND_BULL');
    expect(bull.code, bull.stderr).toBe(0);
    expect(bull.report.kind).toBe('exposure');
    expect(bull.report.orders.map((o) => o.symbol).sort()).toEqual(bull.report.picks.map((p) => p.symbol).sort());
    expect(bull.report.orders.every((o) => o.action === 'OPEN')).toBe(true);

    const trail = readCsv(readFileSync(join(cwd, 'logs', 'execution_log.csv'), 'utf8'));
    const header = trail[0] as string[];
    const finished = trail.filter((row) => row[header.indexOf('event')] === 'run_finished').map((row) => row[header.indexOf('run_kind')]);
    expect(finished).toEqual(['exposure', 'none', 'exposure']);
  });

  it('an exposure change waits exposure.minDaysBetween sessions after a trade, but going to CRASH never waits', () => {
    const { run } = demo({ policy: 'regime', minDaysBetween: 5 });
    // The demo account starts about 22% invested.
    expect(run('--regime', 'TREND_BULL').report.kind).toBe('exposure');
    const bear = run('--regime', 'TREND_BEAR');
    expect(bear.report).toMatchObject({ kind: 'none', exitCode: 0 });
    expect(bear.report.reason).toContain('the last trade was 0 session(s) ago (exposure.minDaysBetween 5)');
    const crash = run('--regime', 'CRASH');
    expect(crash.report.kind).toBe('exposure');
    expect(crash.report.execution?.positionsAfter.every((p) => p.qty === 0)).toBe(true);
  });

  it('scales the held names pro rata: the same names, in the same proportions, a bigger book', () => {
    const { run } = demo({ policy: 'regime' });
    const bull = run('--regime', 'TREND_BULL');
    expect(bull.code, bull.stderr).toBe(0);
    const orders = bull.report.orders as unknown as { action: string; side: string; fromQty: number; toQty: number }[];
    // The demo holds four names; INTC trades below the $5 minimum price, so it is held as it is, not bought.
    expect(orders.map((o) => (o as unknown as { symbol: string }).symbol)).toEqual(['AVGO', 'NOW', 'NVDA']);
    expect(orders.every((o) => o.action === 'ADJUST' && o.side === 'buy')).toBe(true);
    const factors = orders.map((o) => o.toQty / o.fromQty);
    // Whole shares round each name down a little: the factors agree to within one share's worth.
    for (const f of factors) expect(f).toBeCloseTo(factors[0] as number, 0);
    expect(factors[0]).toBeGreaterThan(3);
  });

  it('with the default policy "schedule" a day between rebalances is still skipped (exit 5)', () => {
    const { run } = demo({});
    const skipped = runBuiltCli(['--regime', 'CRASH', '--json'], { cwd: scratchDir() });
    expect(skipped.code).toBe(5);
    expect(run('--regime', 'CRASH').code).toBe(5);
  });
});
