import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/run-backtest.js';
import type { BacktestRun } from '../../src/backtest/types.js';
import { useTempDir } from '../support/temp-dir.js';
import { testContext, writeDataFolder } from './backtest-fixture.js';

const FROM = '2007-06-01';
const TO = '2010-06-30';
// A rebalance day (the first session of October 2008), so orders on D itself depend on what the run could see.
const D = '2008-10-01';

async function backtestOf(dir: string, cwd: string): Promise<BacktestRun> {
  const result = await runBacktest({ from: FROM, to: TO, dataDir: dir, universe: 'all', topN: 5, schedule: 'monthly' }, testContext(cwd));
  if (!result.ok) throw new Error(result.error.join('; '));
  return result.value;
}

describe('no look-ahead', () => {
  const tmp = useTempDir();

  it('multiplying every bar after a day D by 3 leaves every order and the equity curve up to D unchanged', async () => {
    const plain = await backtestOf(writeDataFolder(join(tmp.path(), 'plain'), { through: TO, adjclose: true }), tmp.path());
    const tripled = await backtestOf(writeDataFolder(join(tmp.path(), 'tripled'), { through: TO, adjclose: true, scaleAfter: { after: D, factor: 3 } }), tmp.path());

    const upToD = <T extends { date: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.date <= D);
    expect(upToD(plain.fills).length).toBeGreaterThan(10);
    expect(upToD(tripled.fills)).toEqual(upToD(plain.fills));
    const curve = (run: BacktestRun): unknown[] => upToD(run.equity).map(({ date, equity, cash, invested, regime, spy, alwaysBull, equalWeight }) => ({ date, equity, cash, invested, regime, spy, alwaysBull, equalWeight }));
    expect(curve(tripled)).toEqual(curve(plain));
    // The probe is real: after D the two histories, and so the books, part ways.
    const last = (run: BacktestRun): number => run.equity.at(-1)?.equity ?? 0;
    expect(last(tripled)).not.toBeCloseTo(last(plain), 0);
  });
});
