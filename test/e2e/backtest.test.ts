import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, scratchDir, sharedData } from '../support/run-cli.js';
import { readCsv } from '../support/read-csv.js';

const DEMO = ['backtest', '--from', '2024-01-02', '--to', '2025-11-19', '--schedule', 'monthly'];

describe('rebalance backtest', () => {
  it('replays the demo and writes summary.json, equity.csv, orders.csv and report.html', () => {
    const cwd = scratchDir();
    const run = runBuiltCli([...DEMO, '--out', 'bt'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/strategy\s+-?\d+\.\d\d%/);
    expect(run.stdout).toContain('SPY buy & hold');
    expect(run.stdout).toContain(join(cwd, 'bt', 'report.html'));
    const summary = JSON.parse(readFileSync(join(cwd, 'bt', 'summary.json'), 'utf8')) as { days: number; returns: string; metrics: Record<string, unknown>; benchmarks: Record<string, unknown> };
    expect(summary.returns).toBe('price');
    expect(Object.keys(summary.metrics)).toEqual(expect.arrayContaining(['cagr', 'volatility', 'sharpe', 'sortino', 'maxDrawdown', 'maxDrawdownPeak', 'maxDrawdownTrough', 'recovery', 'calmar', 'turnoverPerYear', 'orders', 'costs', 'dividends', 'avgExposure']));
    expect(Object.keys(summary.benchmarks)).toEqual(['spy', 'alwaysBull', 'equalWeight']);
    const equity = readCsv(readFileSync(join(cwd, 'bt', 'equity.csv'), 'utf8'));
    expect(equity[0]).toEqual(['date', 'equity', 'cash', 'invested', 'exposure', 'regime', 'spy', 'always_bull', 'equal_weight']);
    expect(equity.length - 1).toBe(summary.days);
    const orders = readCsv(readFileSync(join(cwd, 'bt', 'orders.csv'), 'utf8'));
    expect(orders[0]).toEqual(['date', 'phase', 'symbol', 'side', 'qty', 'price', 'cost', 'reason', 'regime']);
    expect(orders.length - 1).toBe(summary.metrics['orders']);
    expect(readFileSync(join(cwd, 'bt', 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('--json prints summary.json, and without --out writes under backtests/', () => {
    const cwd = scratchDir();
    const run = runBuiltCli([...DEMO, '--json'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const [folder] = readdirSync(join(cwd, 'backtests'));
    expect(folder).toMatch(/^2024-01-02_2025-11-19_\d{8}-\d{6}$/);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(join(cwd, 'backtests', folder as string, 'summary.json'), 'utf8')));
  });

  it('reads a CSV folder with adjusted closes: total return, dividends credited', () => {
    const cwd = scratchDir();
    const run = runBuiltCli(
      ['backtest', '--from', '2015-01-02', '--to', '2016-12-30', '--data-dir', sharedData('daily'), '--adj-dir', sharedData('adjclose'), '--universe', 'all', '--top-n', '5', '--schedule', 'monthly', '--json', '--out', 'bt'],
      { cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { returns: string; metrics: { dividends: number }; dataSource: string; regimeDays: Record<string, number> };
    expect(summary.returns).toBe('total');
    expect(summary.metrics.dividends).toBeGreaterThan(0);
    expect(summary.dataSource).toContain(sharedData('daily'));
    expect(Object.values(summary.regimeDays).reduce((a, b) => a + b, 0)).toBe(504);
  });

  it('reads a --scenario through the local exchange, the same market-data path as a live run', () => {
    const cwd = scratchDir();
    writeFileSync(join(cwd, 'scenario.json'), JSON.stringify({ clock: '2015-06-01T12:00:00-04:00', dataDir: sharedData('daily'), account: { cash: 100000 } }));
    const run = runBuiltCli(['backtest', '--scenario', 'scenario.json', '--from', '2014-01-02', '--to', '2014-12-31', '--universe', 'AAPL,MSFT,NVDA,INTC', '--top-n', '2', '--json', '--out', 'bt'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { dataSource: string; days: number; metrics: { orders: number }; benchmarks: { spy: unknown } };
    expect(summary.dataSource).toBe(`local exchange, scenario scenario.json`);
    expect(summary.days).toBe(252);
    expect(summary.metrics.orders).toBeGreaterThan(0);
    expect(summary.benchmarks.spy).not.toBeNull();
  });

  it('a name listed after the span is no candidate, and a note says so', () => {
    const run = runBuiltCli(['backtest', '--from', '2005-01-03', '--to', '2005-12-30', '--data-dir', sharedData('daily'), '--universe', 'AAPL,MSFT,META', '--top-n', '2', '--json', '--out', 'bt'], { cwd: scratchDir() });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { notes: string[] };
    expect(summary.notes).toEqual([expect.stringMatching(/^1 symbol\(s\) have no bars from 2003-12-\d\d \(the scanner's lookback\) to 2005-12-30, so they were never candidates: META \(2012-05-18 \.\. 2024-03-08\)$/)]);
  });

  it('stops where the data ends, and says so, rather than holding stale prices to --to', () => {
    const run = runBuiltCli(['backtest', '--from', '2023-06-01', '--to', '2024-12-31', '--data-dir', sharedData('daily'), '--universe', 'AAPL,MSFT,NVDA', '--top-n', '2', '--out', 'bt'], { cwd: scratchDir() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Note      the universe's bars end on 2024-03-08: the backtest stops there (asked --to 2024-12-31)");
    expect(run.stdout).toContain('Backtest 2023-06-01 .. 2024-03-08');
  });

  it.each([
    [['--from', '2018-13-01', '--to', '2019-01-01'], '--from "2018-13-01" is not a date'],
    [['--from', '2019-01-01', '--to', '2018-01-01'], '--from 2019-01-01 is after --to 2018-01-01'],
    [['--from', '2019-01-05', '--to', '2019-01-06'], 'no trading session between 2019-01-05 and 2019-01-06'],
    [['--from', '2015-01-02', '--to', '2015-12-31', '--data-dir', 'DATA', '--universe', 'AAPL,ACN,CRWD'], 'no bars at all for 2 symbol(s) of the universe: ACN, CRWD'],
    [['--from', '2015-01-02', '--to', '2015-12-31', '--universe', 'all'], '--universe all needs --data-dir'],
    [['--from', '2015-01-02', '--to', '2015-12-31', '--capital', '-5'], 'expected a positive amount of dollars'],
  ])('exits 2 on bad input %j, says why and writes nothing', (args, message) => {
    const cwd = scratchDir();
    const run = runBuiltCli(['backtest', ...args.map((a) => (a === 'DATA' ? sharedData('daily') : a))], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(cwd, 'backtests'))).toBe(false);
  });

  it('exits 2 when the demo has no bars in the range', () => {
    const run = runBuiltCli(['backtest', '--from', '2010-01-04', '--to', '2010-12-31']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no bars between .* for \d+ symbol\(s\) of the universe/);
  });
});
