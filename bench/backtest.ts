/**
 * The backtest's speed: whole `rebalance backtest` processes with the data on disk, against one warm 505-stock dry
 * run measured here too (the yardstick: a backtest of four years costs at most five dry runs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, runOnce, setUp } from './market-data.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SHARED = resolve(ROOT, '..', 'shared', 'data');
const TIME = '/usr/bin/time';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly targetMs: number;
}

const CASES: readonly Case[] = [
  {
    name: '505 stocks 2014-02-03..2018-02-07, monthly, top 20',
    args: ['--from', '2014-02-03', '--to', '2018-02-07', '--schedule', 'monthly', '--top-n', '20', '--universe', 'all', '--data-dir', join(SHARED, 'sp500-2013-2018'), '--config', 'bench/backtest/sp500.json'],
    targetMs: 2000,
  },
  {
    // The 30 stocks' files end on 2024-03-08: the backtest stops there and says so.
    name: '30 tech stocks 2001-01-02..2024-12-31 (data to 2024-03-08), monthly, top 10, with dividends',
    args: ['--from', '2001-01-02', '--to', '2024-12-31', '--schedule', 'monthly', '--top-n', '10', '--universe', 'bench/backtest/tech30.txt', '--data-dir', join(SHARED, 'daily'), '--adj-dir', join(SHARED, 'adjclose')],
    targetMs: 2000,
  },
];

function backtestOnce(args: readonly string[]): { wallMs: number; rssMb: number } {
  const out = mkdtempSync(join(tmpdir(), 'bench-bt-'));
  const rssFile = join(out, 'rss.txt');
  const hasTime = existsSync(TIME);
  const node = [process.execPath, CLI, 'backtest', ...args, '--out', out, '--json'];
  const started = process.hrtime.bigint();
  const run = hasTime ? spawnSync(TIME, ['-f', '%M', '-o', rssFile, ...node], { cwd: ROOT, encoding: 'utf8' }) : spawnSync(node[0] as string, node.slice(1), { cwd: ROOT, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`backtest exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  const rssMb = hasTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 : NaN;
  rmSync(out, { recursive: true, force: true });
  return { wallMs, rssMb };
}

const SWEEP = 'exposure.policy=schedule,regime;topN=5,10,20;exposure.band=0.1,0.2,0.3,0.4';

/** The 24-run sweep of the 505-stock monthly backtest: worker threads against the same runs one after another. */
function benchSweep(): void {
  const base = CASES[0]?.args ?? [];
  const once = (threads: string): number => {
    const out = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [CLI, 'backtest', ...base, '--sweep', SWEEP, '--threads', threads, '--out', out, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rmSync(out, { recursive: true, force: true });
    if (run.status !== 0) throw new Error(`sweep exited ${run.status}: ${run.stderr.slice(0, 500)}`);
    return ms;
  };
  const parallel = once(String(availableParallelism()));
  const sequential = once('0');
  const ratio = parallel / sequential;
  console.log(
    `  24-run sweep (505 stocks, monthly): ${(parallel / 1000).toFixed(1)} s on ${availableParallelism()} worker threads (target <= 15 s, ${parallel <= 15_000 ? 'ok' : 'MISSED'}); ` +
      `${(sequential / 1000).toFixed(1)} s one after another; ratio ${ratio.toFixed(2)} (target <= 0.6, ${ratio <= 0.6 ? 'ok' : 'MISSED'})`,
  );
}

export function benchBacktest(runs = 3): void {
  console.log('backtest (whole process, data on disk; median of 3):');
  const setup = setUp(0);
  const cache = mkdtempSync(join(tmpdir(), 'bench-bt-cache-'));
  let dryRunMs: number;
  try {
    runOnce(setup, cache);
    dryRunMs = median(Array.from({ length: runs }, () => runOnce(setup, cache).wallMs));
  } finally {
    setup.stop();
    rmSync(setup.dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
  console.log(`  warm 505-stock dry run (the yardstick): ${dryRunMs.toFixed(0)} ms`);
  for (const c of CASES) {
    const figures = Array.from({ length: runs }, () => backtestOnce(c.args));
    const wall = median(figures.map((f) => f.wallMs));
    const rss = Math.max(...figures.map((f) => f.rssMb));
    const ratio = wall / dryRunMs;
    console.log(
      `  ${c.name}: ${wall.toFixed(0)} ms (target <= ${c.targetMs}, ${wall <= c.targetMs ? 'ok' : 'MISSED'}); ` +
        `${ratio.toFixed(2)} x the warm dry run (target <= 5, ${ratio <= 5 ? 'ok' : 'MISSED'}); peak RSS ${rss.toFixed(0)} MB (<= 400, ${rss <= 400 ? 'ok' : 'MISSED'})`,
    );
    console.log(`    runs: ${figures.map((f) => f.wallMs.toFixed(0)).join(', ')} ms`);
  }
  benchSweep();
}
