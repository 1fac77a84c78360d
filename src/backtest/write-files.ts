/** The files of a backtest: summary.json, equity.csv, orders.csv and report.html, in one folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { renderBacktestReport } from './report/render-report.js';
import type { BacktestRun } from './types.js';

export interface WrittenFiles {
  readonly dir: string;
  readonly summary: string;
  readonly equity: string;
  readonly orders: string;
  readonly report: string;
}

const cents = (n: number): string => n.toFixed(2);
const orBlank = (n: number | null): string => (n === null ? '' : cents(n));

export function writeBacktestFiles(run: BacktestRun, dir: string): WrittenFiles {
  mkdirSync(dir, { recursive: true });
  const files: WrittenFiles = {
    dir,
    summary: join(dir, 'summary.json'),
    equity: join(dir, 'equity.csv'),
    orders: join(dir, 'orders.csv'),
    report: join(dir, 'report.html'),
  };
  writeFileSync(files.summary, `${JSON.stringify(run.summary, null, 2)}\n`);
  writeFileSync(
    files.equity,
    stringify(
      run.equity.map((p) => [p.date, cents(p.equity), cents(p.cash), cents(p.invested), p.exposure.toFixed(6), p.regime ?? '', orBlank(p.spy), orBlank(p.alwaysBull), orBlank(p.equalWeight)]),
      { header: true, columns: ['date', 'equity', 'cash', 'invested', 'exposure', 'regime', 'spy', 'always_bull', 'equal_weight'] },
    ),
  );
  writeFileSync(
    files.orders,
    stringify(
      run.fills.map((f) => [f.date, f.phase, f.symbol, f.side, f.qty, f.price, f.cost.toFixed(4), f.reason, f.regime ?? '']),
      { header: true, columns: ['date', 'phase', 'symbol', 'side', 'qty', 'price', 'cost', 'reason', 'regime'] },
    ),
  );
  writeFileSync(files.report, renderBacktestReport(run));
  return files;
}
