import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, sharedData } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

/** The real SPY (1993-2025) and VIX history of shared/data/daily, at a chosen moment. */
function scenarioAt(tmp: ReturnType<typeof useTempDir>, clock: string, dataDir = sharedData('daily')): string {
  return tmp.write('scenario.json', JSON.stringify({ clock, dataDir, account: { cash: 50000 }, positions: [{ symbol: 'AAPL', qty: 100, avgEntryPrice: 60 }] }));
}

describe('the regime detector in a run', () => {
  const tmp = useTempDir();

  it('names CRASH in March 2020 from real SPY and VIX, with the inputs behind it', () => {
    const run = runBuiltCli(['regime', '--scenario', scenarioAt(tmp, '2020-03-20T12:00:00-04:00'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { asOf: string; current: { regime: string; jm: string; triggers: string[]; vix: number; inCrash: boolean; lambda: number } };
    // The latest completed trading day while 20 March is still trading.
    expect(report.asOf).toBe('2020-03-19');
    expect(report.current).toMatchObject({ regime: 'CRASH', inCrash: true, lambda: 50 });
    expect(report.current.triggers).toContain('VIX_LEVEL');
    expect(report.current.vix).toBeGreaterThan(40);
  });

  it.each([['--as-of', '2025-02-30'], ['--as-of', '2024-13-01'], ['--from', '2023-02-29']])(
    'exits 2 for %s %s, a date that does not exist, instead of rolling it into the next month',
    (flag, date) => {
      const extra = flag === '--from' ? ['--to', '2023-03-31'] : [];
      const run = runBuiltCli(['regime', '--scenario', scenarioAt(tmp, '2020-04-01T12:00:00-04:00'), flag, date, ...extra]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${flag}: expected a calendar date YYYY-MM-DD, got "${date}"`);
      expect(run.stdout).toBe('');
    },
  );

  it('prints a daily history with shares and switches per year', () => {
    const run = runBuiltCli(['regime', '--scenario', scenarioAt(tmp, '2020-04-01T12:00:00-04:00'), '--from', '2020-02-03', '--to', '2020-03-31', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { history: { date: string; regime: string }[]; summary: { shares: Record<string, number>; switchesPerYear: number } };
    const march = report.history.filter((d) => d.date.startsWith('2020-03'));
    expect(march).toHaveLength(22);
    expect(march.filter((d) => d.regime === 'CRASH').length).toBeGreaterThanOrEqual(20);
    const early = report.history.filter((d) => d.date >= '2020-02-03' && d.date <= '2020-02-14');
    expect(early.every((d) => d.regime !== 'CRASH' && d.regime !== 'TREND_BEAR')).toBe(true);
    const shares = Object.values(report.summary.shares).reduce((a, b) => a + b, 0);
    expect(shares).toBeCloseTo(1, 9);
  });

  it('a rebalance without --regime uses the detector: in CRASH it plans to sell everything and buy nothing', () => {
    const run = runBuiltCli(['--dry-run', '--scenario', scenarioAt(tmp, '2020-03-20T12:00:00-04:00'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { regime: { name: string; source: string; allocation: number; current: { date: string } }; orders: { side: string; symbol: string }[] };
    expect(report.regime).toMatchObject({ name: 'CRASH', source: 'detector', allocation: 0, current: { date: '2020-03-19' } });
    expect(report.orders.map((o) => `${o.side} ${o.symbol}`)).toEqual(['sell AAPL']);
  });

  it('exits 5 with the reason when the index history is too short, and --regime still works', () => {
    const scenario = scenarioAt(tmp, '2026-04-10T10:15:00-04:00', sharedData('recent-2021-2026', 'daily'));
    const run = runBuiltCli(['--dry-run', '--scenario', scenario, '--json']);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/regime undeterminable/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(runBuiltCli(['--dry-run', '--scenario', scenario, '--regime', 'neutral']).code).toBe(0);
  });

  it('exits 5 naming the bar when the index has a bad print, unless --regime is given', () => {
    const lines = readFileSync(join(sharedData('daily'), 'SPY.csv'), 'utf8').trim().split('\n');
    const at = lines.findIndex((l) => l.startsWith('2020-01-15,'));
    const cells = (lines[at] ?? '').split(',');
    // An unadjusted-split-like print: the close halves for one day.
    lines[at] = [cells[0], cells[1], cells[2], String(Number(cells[4]) / 2 - 1), String(Number(cells[4]) / 2), cells[5]].join(',');
    tmp.write('badspy/SPY.csv', `${lines.join('\n')}\n`);
    tmp.write('badspy/AAPL.csv', readFileSync(join(sharedData('daily'), 'AAPL.csv'), 'utf8'));
    const dir = tmp.write('badspy/VIX.csv', readFileSync(join(sharedData('daily'), 'VIX.csv'), 'utf8')).replace(/\/VIX\.csv$/, '');
    const scenario = scenarioAt(tmp, '2020-03-20T12:00:00-04:00', dir);
    const run = runBuiltCli(['--dry-run', '--scenario', scenario]);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/regime undeterminable: SPY bars rejected by the data-quality gate: .*2020-01-15/);
    expect(runBuiltCli(['--dry-run', '--scenario', scenario, '--regime', 'bear', '--universe', 'AAPL,']).code).toBe(0);
  });

  it('exits 5 when the index is missing from the data', () => {
    const dir = tmp.write('nospy/AAPL.csv', 'date,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n').replace(/\/AAPL\.csv$/, '');
    const run = runBuiltCli(['regime', '--scenario', scenarioAt(tmp, '2024-01-03T12:00:00-05:00', dir)]);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/no SPY closes/);
  });
});
