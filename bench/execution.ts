import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const DATA = resolve(ROOT, '..', 'shared', 'data', 'recent-2021-2026', 'daily');
const SYMBOLS = ['AAPL', 'ADBE', 'ADI', 'ADSK', 'AMAT', 'AMD', 'AMZN', 'AVGO', 'CDNS', 'CSCO', 'GOOGL', 'INTC', 'INTU', 'KLAC', 'LRCX', 'META', 'MSFT', 'MU', 'NFLX', 'NVDA', 'PANW', 'QCOM', 'SNPS', 'TSLA', 'TXN'];

interface Figures {
  readonly wallMs: number;
  readonly sellFillToBuyMs: number;
  readonly orders: number;
}

function cli(dir: string, args: string[]): { code: number | null; stdout: string; ms: number } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('APCA_')));
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** A 20-order rebalance: hold the 8 weakest names, buy the 12 strongest; fills take 200 ms. */
function setUp(dir: string): string[] {
  writeFileSync(join(dir, 'universe.txt'), SYMBOLS.join('\n'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ schedule: 'daily', scanner: { minMomentum: 0 }, sizing: { cashBuffer: 0.01 }, execution: { pollIntervalSec: 2 } }));
  const scenario = (positions: unknown[]): void =>
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ clock: '2026-04-10T10:15:00-04:00', dataDir: DATA, account: { cash: 50000 }, positions, fills: { delayMs: 200 }, statePath: 'state.json' }));
  scenario([]);
  const args = ['--regime', 'bull', '--universe', 'universe.txt', '--scenario', 'scenario.json', '--config', 'config.json', '--audit-file', 'trail.csv', '--json'];
  const ranking = JSON.parse(cli(dir, [...args, '--dry-run', '--top-n', '25']).stdout) as { picks: { symbol: string; price: number }[] };
  const weakest = ranking.picks.slice(-8);
  scenario(weakest.map((p) => ({ symbol: p.symbol, qty: Math.floor(5000 / p.price), avgEntryPrice: p.price })));
  return [...args, '--top-n', '12'];
}

function oneRun(): Figures {
  const dir = mkdtempSync(join(tmpdir(), 'bench-exec-'));
  try {
    const args = setUp(dir);
    const run = cli(dir, args);
    if (run.code !== 0) throw new Error(`bench run exited ${run.code}: ${run.stdout.slice(0, 500)}`);
    const rows = readFileSync(join(dir, 'trail.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const at = (r: string[]): number => Date.parse(r[0] ?? '');
    const lastSellFill = Math.max(...rows.filter((r) => r[3] === 'order_filled' && r[6] === 'sell').map(at));
    const firstBuy = Math.min(...rows.filter((r) => r[3] === 'order_submitted' && r[6] === 'buy').map(at));
    const orders = rows.filter((r) => r[3] === 'order_submitted').length;
    return { wallMs: run.ms, sellFillToBuyMs: firstBuy - lastSellFill, orders };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

export function benchExecution(runs = 5): void {
  const figures = Array.from({ length: runs }, oneRun);
  const orders = figures[0]?.orders ?? 0;
  console.log(`\nexecution (local exchange, fill delay 200 ms, ${orders}-order rebalance, ${runs} runs, poll interval 2 s)`);
  console.log(`  last sell fill -> first buy submission: median ${median(figures.map((f) => f.sellFillToBuyMs)).toFixed(0)} ms  (runs: ${figures.map((f) => f.sellFillToBuyMs.toFixed(0)).join(', ')})`);
  console.log(`  wall time of the whole rebalance (process): median ${median(figures.map((f) => f.wallMs)).toFixed(0)} ms  (runs: ${figures.map((f) => f.wallMs.toFixed(0)).join(', ')})`);
}
