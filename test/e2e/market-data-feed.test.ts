import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, sharedData } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

interface Report {
  regime: { name: string; source: string };
  picks: { symbol: string }[];
  data: { feed: string; feedFallback?: string; symbols: number; bars: number };
  exitCode: number;
}

/** Every bar file under `dir`, relative to it. */
const barFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.bars'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).replace(/^regime-rebalancer\/sources\/[^/]+\//, ''))
    .sort();

describe('the market-data feed, as a user meets it (real bars, recent-2021-2026)', () => {
  const tmp = useTempDir();

  function scenario(clock: string, sipForbidden: boolean | 'recent'): string {
    return tmp.write('scenario.json', JSON.stringify({ clock, dataDir: sharedData('recent-2021-2026', 'daily'), account: { cash: 60000 }, marketData: { sipForbidden } }));
  }

  it('asks for sip by default; on a plan without sip falls back to iex, warns once and reports data.feed "iex" (JSON and text)', () => {
    const cacheHome = join(tmp.path(), 'cache');
    const env = { XDG_CACHE_HOME: cacheHome };
    const run = runBuiltCli(['--dry-run', '--regime', 'bull', '--scenario', scenario('2026-04-10T10:15:00-04:00', true), '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.picks.length).toBeGreaterThan(0);
    expect(report.data.feed).toBe('iex');
    expect(report.data.feedFallback).toMatch(/^sip refused, iex used instead: .*HTTP 403: subscription does not permit querying recent SIP data\)$/);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('the sip feed was refused'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"level":"?(40|warn)/);
    // Bars from iex are cached as iex: nothing was written under sip.
    expect(barFiles(cacheHome)).toEqual(['bars/split/iex.bars']);

    const text = runBuiltCli(['--dry-run', '--regime', 'bull', '--scenario', scenario('2026-04-10T10:15:00-04:00', true)], { env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Data {7}iex feed, split-adjusted: 30 symbols, \d+ bars, \d+ requests, cache on \(\d+ hits\)\n {11}! sip refused, iex used instead: .*subscription does not permit querying recent SIP data/m);
  });

  it('keeps sip on the free plan\'s rule at 00:05 New York: bars are asked for only up to 15 minutes ago', () => {
    const cacheHome = join(tmp.path(), 'cache');
    const run = runBuiltCli(['--dry-run', '--regime', 'bull', '--scenario', scenario('2026-04-10T00:05:00-04:00', 'recent'), '--json'], { env: { XDG_CACHE_HOME: cacheHome } });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.data.feed).toBe('sip');
    expect(report.data.feedFallback).toBeUndefined();
    expect(run.stderr).not.toContain('the sip feed was refused');
    expect(barFiles(cacheHome)).toEqual(['bars/split/sip.bars']);
  });

  it('falls back for `rebalance regime` too', () => {
    const file = tmp.write('regime.json', JSON.stringify({ clock: '2020-03-20T12:00:00-04:00', dataDir: sharedData('daily'), marketData: { sipForbidden: true } }));
    const run = runBuiltCli(['regime', '--scenario', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('the sip feed was refused; using iex for the rest of this run');
  });
});
