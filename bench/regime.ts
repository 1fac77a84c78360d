import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectRegimes, type DailyClose } from '../src/regime/detector.js';

const DATA = resolve(import.meta.dirname, '..', '..', 'shared', 'data');
const RUNS = 21;

function rows(file: string): string[][] {
  return readFileSync(resolve(DATA, file), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
}

/** The regime step of a rebalance: fit + online pass over SPY 1993-2025 (~8200 rows, 55 refits × 10 starts). */
export function benchRegime(): void {
  const closes: DailyClose[] = rows('adjclose/SPY.csv').map(([date, close]) => ({ date: date as string, close: Number(close) }));
  const vix = new Map(rows('daily/VIX.csv').map(([date, , , , close]) => [date as string, Number(close)]));
  detectRegimes(closes, vix); // warm the JIT
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    detectRegimes(closes, vix);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.floor(q * (times.length - 1))] as number).toFixed(1);
  console.log(`regime detection, ${closes.length} daily closes, ${RUNS} runs: median ${at(0.5)} ms (min ${at(0)}, max ${at(1)}; goal ≤ 300 ms)`);
}
