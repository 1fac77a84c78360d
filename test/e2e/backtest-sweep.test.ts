import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, scratchDir, sharedData } from '../support/run-cli.js';
import { readCsv } from '../support/read-csv.js';

const DATA = (): string[] => ['--data-dir', sharedData('daily'), '--adj-dir', sharedData('adjclose'), '--universe', 'AAPL,MSFT,NVDA,INTC,CSCO,ORCL,QCOM,TXN'];

describe('rebalance backtest --sweep', () => {
  it('runs the grid on worker threads, ranks it by Sharpe, and each row is what a single backtest with those values gives', () => {
    const cwd = scratchDir();
    const run = runBuiltCli(['backtest', '--from', '2012-01-03', '--to', '2014-12-31', ...DATA(), '--sweep', 'exposure.policy=schedule,regime;topN=3,5', '--threads', '2', '--out', 'sw'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('4 runs, ranked by Sharpe');
    const rows = readCsv(readFileSync(join(cwd, 'sw', 'sweep.csv'), 'utf8'));
    const header = rows[0] as string[];
    expect(header.slice(0, 3)).toEqual(['rank', 'exposure.policy', 'topN']);
    expect(header).toEqual(expect.arrayContaining(['cagr', 'sharpe', 'maxDrawdown', 'turnoverPerYear', 'orders', 'avgExposure']));
    const body = rows.slice(1);
    expect(body).toHaveLength(4);
    const sharpe = body.map((r) => Number(r[header.indexOf('sharpe')]));
    expect(sharpe).toEqual([...sharpe].sort((a, b) => b - a));

    const top = body[0] as string[];
    const single = runBuiltCli(
      ['backtest', '--from', '2012-01-03', '--to', '2014-12-31', ...DATA(), '--top-n', top[2] as string, '--config', 'policy.json', '--json', '--out', 'one'],
      { cwd: writeConfig(cwd, top[1] as string) },
    );
    expect(single.code, single.stderr).toBe(0);
    const summary = JSON.parse(single.stdout) as { metrics: { sharpe: number; orders: number; cagr: number } };
    expect(summary.metrics.sharpe).toBeCloseTo(sharpe[0] as number, 12);
    expect(summary.metrics.orders).toBe(Number(top[header.indexOf('orders')]));
  });

  it('walk-forward: picks on each train span, runs the next test span, reports the chained out-of-sample result beside the best in-sample one', () => {
    const cwd = scratchDir();
    const run = runBuiltCli(['backtest', '--from', '2008-01-02', '--to', '2013-12-31', ...DATA(), '--sweep', 'schedule=monthly,quarterly', '--walk-forward', 'train=3y,test=1y', '--out', 'wf'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/out of sample \(chained tests\)\s+2011-01-03\.\.2013-12-31/);
    expect(run.stdout).toContain('best in sample (schedule=');
    const windows = readCsv(readFileSync(join(cwd, 'wf', 'walk-forward.csv'), 'utf8'));
    expect(windows.slice(1).map((w) => [w[0], w[4]])).toEqual([
      ['2008-01-02', '2011-01-02'],
      ['2009-01-02', '2012-01-02'],
      ['2010-01-02', '2013-01-02'],
    ]);
    const equity = readCsv(readFileSync(join(cwd, 'wf', 'walk-forward-equity.csv'), 'utf8'));
    expect(equity[1]?.[0]).toBe('2011-01-03');
    expect(equity.at(-1)?.[0]).toBe('2013-12-31');
  });

  it.each([
    [['--sweep', 'topN'], '"topN" is not key=value'],
    [['--sweep', 'nosuch.key=1'], 'unknown config key "nosuch.key"'],
    [['--sweep', 'schedule=hourly'], 'schedule'],
    [['--walk-forward', 'train=3y,test=1y'], '--walk-forward needs --sweep'],
    [['--sweep', 'topN=3', '--walk-forward', 'train=30y,test=1y'], 'shorter than one train span plus a test span'],
  ])('exits 2 on %j', (args, message) => {
    const run = runBuiltCli(['backtest', '--from', '2012-01-03', '--to', '2013-12-31', ...DATA(), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

function writeConfig(cwd: string, policy: string): string {
  writeFileSync(join(cwd, 'policy.json'), JSON.stringify({ exposure: { policy } }));
  return cwd;
}
