import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Bar } from '../../src/domain/index.js';
import { sessionsBetween } from '../../src/exchange/calendar/index.js';
import type { MarketScenario } from '../../src/exchange/scenario.js';
import type { RunningExchange } from '../../src/exchange/server.js';
import { startExchange } from '../../src/exchange/server.js';

export const KEYS = { 'APCA-API-KEY-ID': 'local-key', 'APCA-API-SECRET-KEY': 'local-secret' } as const;

/** Thursday 2025-11-20, 10:00 in New York: a regular session is open. */
export const CLOCK = new Date('2025-11-20T15:00:00Z');
export const CLOCK_DATE = '2025-11-20';

/** Bars on every NYSE session between two dates; prices differ per symbol and per day. */
export function sessionBars(start: string, end: string, base = 100): Bar[] {
  return sessionsBetween(start, end).map((s, i) => {
    const close = base + i * 1.25;
    return { date: s.date, open: close - 0.5, high: close + 1.5, low: close - 2, close, volume: 1_000_000 + i };
  });
}

export function aScenario(overrides: Partial<MarketScenario> = {}): MarketScenario {
  return {
    name: 'test',
    clock: CLOCK,
    bars: new Map([
      ['AAPL', sessionBars('2025-10-01', '2025-12-31', 100)],
      ['MSFT', sessionBars('2025-10-01', '2025-12-31', 400)],
      ['SPY', sessionBars('2025-10-01', '2025-12-31', 600)],
    ]),
    account: { cash: 10_000, multiplier: 1, buyingPower: null },
    positions: [],
    assets: { notTradable: [], notFractionable: [], inactive: [] },
    ...overrides,
  };
}

/** The bar of a symbol on a date, from the scenario's own data. */
export function barOn(scenario: MarketScenario, symbol: string, date: string): Bar {
  const bar = scenario.bars.get(symbol)?.find((b) => b.date === date);
  if (!bar) throw new Error(`fixture has no ${symbol} bar on ${date}`);
  return bar;
}

const running: RunningExchange[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
  await Promise.all(tempDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Starts an exchange on 127.0.0.1:0, closed after the test. */
export async function anExchange(scenario: MarketScenario = aScenario()): Promise<RunningExchange> {
  const exchange = await startExchange({ scenario });
  running.push(exchange);
  return exchange;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

export async function get(exchange: RunningExchange, path: string, headers: Record<string, string> = KEYS): Promise<Reply> {
  const res = await fetch(`${exchange.baseUrl}${path}`, { headers, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as unknown };
}

export async function aTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'exchange-test-'));
  tempDirs.push(dir);
  return dir;
}

export function barsCsv(bars: readonly Bar[]): string {
  return ['date,open,high,low,close,volume', ...bars.map((b) => `${b.date},${b.open},${b.high},${b.low},${b.close},${b.volume}`)].join('\n') + '\n';
}

/** Writes `files` (name -> content) into `dir`, creating it. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(join(dir, name), content)));
}
