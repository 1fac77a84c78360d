/**
 * Real bars for in-process backtests: a few technology stocks, SPY and VIX from ../shared/data (fails loudly when
 * it is missing), written into a temp folder, optionally changed (a look-ahead probe multiplies later bars).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import type { CommandContext } from '../../src/app/compose.js';
import { packagePaths } from '../../src/app/paths.js';
import { sharedData } from '../support/run-cli.js';

export const TECH = ['AAPL', 'MSFT', 'NVDA', 'INTC', 'CSCO', 'ORCL', 'QCOM', 'TXN', 'AMD', 'ADBE'] as const;

export interface DataFolderOptions {
  readonly symbols?: readonly string[];
  /** Rows dated after this are dropped. */
  readonly through: string;
  /** Multiplies every price (and adjusted close) dated after `after` by `factor`. */
  readonly scaleAfter?: { readonly after: string; readonly factor: number };
  readonly adjclose?: boolean;
}

/** Writes DIR/<SYMBOL>.csv (and DIR/adjclose/<SYMBOL>.csv) from the real files; returns DIR. */
export function writeDataFolder(dir: string, options: DataFolderOptions): string {
  const symbols = [...(options.symbols ?? TECH), 'SPY', 'VIX'];
  mkdirSync(join(dir, 'adjclose'), { recursive: true });
  const scale = (date: string): number => (options.scaleAfter !== undefined && date > options.scaleAfter.after ? options.scaleAfter.factor : 1);
  for (const symbol of symbols) {
    const [header, ...rows] = readFileSync(sharedData('daily', `${symbol}.csv`), 'utf8').trim().split('\n');
    const kept = rows
      .map((row) => row.split(','))
      .filter((cells) => (cells[0] as string) <= options.through)
      .map(([date, ...values]) => {
        const f = scale(date as string);
        return [date, ...values.map((v, i) => (i < 4 ? String(Number(v) * f) : v))].join(',');
      });
    writeFileSync(join(dir, `${symbol}.csv`), `${header}\n${kept.join('\n')}\n`);
    if (options.adjclose === true && symbol !== 'VIX') {
      const [adjHeader, ...adjRows] = readFileSync(sharedData('adjclose', `${symbol}.csv`), 'utf8').trim().split('\n');
      const adjKept = adjRows
        .map((row) => row.split(','))
        .filter((cells) => (cells[0] as string) <= options.through)
        .map(([date, value]) => `${date},${Number(value) * scale(date as string)}`);
      writeFileSync(join(dir, 'adjclose', `${symbol}.csv`), `${adjHeader}\n${adjKept.join('\n')}\n`);
    }
  }
  return dir;
}

/** What the CLI would give a command, with no keys, a silent log and no network. */
export function testContext(cwd: string): CommandContext {
  return {
    env: {},
    cwd,
    paths: packagePaths(resolve(import.meta.dirname, '..', '..')),
    logger: pino({ level: 'silent' }),
    now: () => new Date('2026-01-05T12:00:00Z'),
    pid: process.pid,
    fetchImpl: () => Promise.reject(new Error('no network in tests')),
  };
}
