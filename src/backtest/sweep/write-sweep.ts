/** sweep.csv (one row per run: the parameters, then every summary metric) and walk-forward.csv (one row per window). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { BacktestMetrics } from '../types.js';
import type { SweepResult } from './run-sweep.js';
import { describeParams } from './sweep-spec.js';

const METRIC_COLUMNS = [
  'cagr', 'volatility', 'sharpe', 'sortino', 'maxDrawdown', 'maxDrawdownPeak', 'maxDrawdownTrough', 'recovery', 'calmar',
  'turnoverPerYear', 'orders', 'costs', 'dividends', 'avgExposure', 'bestMonth', 'worstMonth',
] as const;

function metricCells(m: BacktestMetrics): string[] {
  return METRIC_COLUMNS.map((c) => {
    const v = m[c];
    if (v === null) return '';
    if (typeof v === 'object') return `${v.month} ${v.return}`;
    return String(v);
  });
}

export interface SweepFiles {
  readonly dir: string;
  readonly sweep: string;
  readonly walkForward: string | null;
}

export function writeSweepFiles(result: SweepResult, dir: string): SweepFiles {
  mkdirSync(dir, { recursive: true });
  const keys = [...new Set(result.runs.flatMap((r) => Object.keys(r.params)))];
  const sweep = join(dir, 'sweep.csv');
  writeFileSync(
    sweep,
    stringify(
      result.runs.map((r, i) => [String(i + 1), ...keys.map((k) => String(r.params[k] ?? '')), ...metricCells(r.metrics)]),
      { header: true, columns: ['rank', ...keys, ...METRIC_COLUMNS] },
    ),
  );
  let walkForward: string | null = null;
  if (result.walkForward !== null) {
    walkForward = join(dir, 'walk-forward.csv');
    writeFileSync(
      walkForward,
      stringify(
        result.walkForward.windows.map((w) => [w.train.from, w.train.to, describeParams(w.chosen), w.trainSharpe ?? '', w.test.from, w.test.to, ...metricCells(w.test.metrics)]),
        { header: true, columns: ['train_from', 'train_to', 'chosen', 'train_sharpe', 'test_from', 'test_to', ...METRIC_COLUMNS] },
      ),
    );
    writeFileSync(
      join(dir, 'walk-forward-equity.csv'),
      stringify(result.walkForward.curve.dates.map((d, i) => [d, (result.walkForward?.curve.values[i] ?? 0).toFixed(2)]), { header: true, columns: ['date', 'equity'] }),
    );
  }
  return { dir, sweep, walkForward };
}
