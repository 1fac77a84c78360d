import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/run-backtest.js';
import type { BacktestRun } from '../../src/backtest/types.js';
import { sessionsBetween } from '../../src/exchange/calendar/index.js';
import { useTempDir } from '../support/temp-dir.js';
import { testContext, writeDataFolder } from './backtest-fixture.js';

const FROM = '2012-01-03';
const TO = '2013-12-31';

describe('a backtest replays the cron job', () => {
  const tmp = useTempDir();
  const run = async (extra: Record<string, unknown> = {}): Promise<BacktestRun> => {
    const dir = writeDataFolder(join(tmp.path(), 'data'), { through: TO, adjclose: true });
    const result = await runBacktest({ from: FROM, to: TO, dataDir: dir, universe: 'all', topN: 5, schedule: 'monthly', ...extra }, testContext(tmp.path()));
    if (!result.ok) throw new Error(result.error.join('; '));
    return result.value;
  };

  it('a monthly schedule trades on the first session of each month (and the first day) only, never daily', async () => {
    const backtest = await run({ regime: 'TREND_BULL' });
    const firstSessions = new Set<string>();
    let month = '';
    for (const { date } of sessionsBetween(FROM, TO)) {
      if (date.slice(0, 7) !== month) firstSessions.add(date);
      month = date.slice(0, 7);
    }
    const tradingDays = new Set(backtest.fills.map((f) => f.date));
    expect([...tradingDays].filter((d) => !firstSessions.has(d))).toEqual([]);
    // Held positions are kept between rebalances: most months trade a few names, not the whole book.
    expect(tradingDays.size).toBeGreaterThan(12);
    const sellsPerDay = [...tradingDays].map((d) => backtest.fills.filter((f) => f.date === d && f.side === 'sell').length);
    expect(Math.min(...sellsPerDay)).toBeLessThan(5);
  });

  it('the books rebuilt from orders.csv rows and the closes give the equity curve (position-based, not compounded returns)', async () => {
    const backtest = await run();
    const closes = new Map<string, Map<string, number>>();
    const closeOn = (symbol: string, date: string): number => {
      if (!closes.has(symbol)) {
        const rows = readFileSync(join(tmp.path(), 'data', `${symbol}.csv`), 'utf8').trim().split('\n').slice(1);
        closes.set(symbol, new Map(rows.map((r) => r.split(',')).map((c) => [c[0] as string, Number(c[4])])));
      }
      return closes.get(symbol)?.get(date) as number;
    };
    const held = new Map<string, number>();
    // No commission by default: cash is the capital, the fills' money and the dividends credited.
    let cash = 100_000 + backtest.summary.metrics.dividends;
    for (const point of backtest.equity) {
      for (const f of backtest.fills.filter((x) => x.date === point.date)) {
        held.set(f.symbol, (held.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
        cash += f.side === 'buy' ? -f.qty * f.price : f.qty * f.price;
      }
      const invested = [...held].reduce((sum, [s, q]) => sum + q * closeOn(s, point.date), 0);
      expect(point.invested).toBeCloseTo(invested, 4);
    }
    expect(backtest.equity.at(-1)?.cash).toBeCloseTo(cash, 4);
  });

  it('always-bull is the same strategy with the regime forced to TREND_BULL', async () => {
    const normal = await run();
    const forced = await run({ regime: 'TREND_BULL' });
    expect(normal.equity.map((p) => p.alwaysBull)).toEqual(forced.equity.map((p) => p.equity));
    expect(forced.summary.regimeDays).toMatchObject({ TREND_BULL: forced.summary.days, CRASH: 0 });
  });

  it('SPY buy-and-hold follows the adjusted close after paying the entry', async () => {
    const backtest = await run();
    const adjusted = new Map(
      readFileSync(join(tmp.path(), 'data', 'adjclose', 'SPY.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(',')).map((c) => [c[0] as string, Number(c[1])]),
    );
    const first = backtest.equity[0]!;
    const last = backtest.equity.at(-1)!;
    expect((last.spy as number) / (first.spy as number)).toBeCloseTo((adjusted.get(last.date) as number) / (adjusted.get(first.date) as number), 9);
    expect(first.spy as number).toBeLessThan(100_000);
    expect(first.spy as number).toBeGreaterThan(100_000 * 0.999);
    expect(backtest.summary.returns).toBe('total');
  });

  it('equal weight holds every name of the universe in near-equal value after a rebalance', async () => {
    const backtest = await run();
    expect(backtest.summary.benchmarks.equalWeight?.avgExposure).toBeGreaterThan(0.99);
    expect(backtest.summary.benchmarks.equalWeight?.orders).toBeGreaterThanOrEqual(10);
  });
});
