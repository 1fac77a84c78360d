/** One run of a sweep: a backtest with a parameter set, strategy only (no benchmarks), its curve kept for stitching. */
import pino from 'pino';
import type { CommandContext } from '../../app/compose.js';
import type { Env } from '../../app/environment.js';
import { packagePaths } from '../../app/paths.js';
import { AccountingError } from '../ledger.js';
import { runBacktest, type BacktestRequest } from '../run-backtest.js';
import type { BacktestMetrics } from '../types.js';
import type { ParamSet } from './sweep-spec.js';

/** Plain data only: a task crosses to a worker thread. */
export interface SweepTask {
  readonly request: Omit<BacktestRequest, 'overrides' | 'benchmarks'>;
  readonly params: ParamSet;
  readonly cwd: string;
  readonly env: Env;
}

export type SweepTaskResult =
  | {
      readonly ok: true;
      readonly params: ParamSet;
      readonly from: string;
      readonly to: string;
      readonly metrics: BacktestMetrics;
      readonly dates: readonly string[];
      readonly values: readonly number[];
    }
  | { readonly ok: false; readonly params: ParamSet; readonly errors: readonly string[]; readonly bug: boolean };

/** What a worker gives a backtest: the task's facts, a silent log, the real clock. */
export function taskContext(task: SweepTask): CommandContext {
  return { env: task.env, cwd: task.cwd, paths: packagePaths(), logger: pino({ level: 'silent' }), now: () => new Date(), pid: process.pid, fetchImpl: fetch };
}

export async function runSweepTask(task: SweepTask, context: CommandContext = taskContext(task)): Promise<SweepTaskResult> {
  try {
    const result = await runBacktest({ ...task.request, overrides: task.params, benchmarks: false }, context);
    if (!result.ok) return { ok: false, params: task.params, errors: result.error, bug: false };
    const { summary, equity } = result.value;
    return { ok: true, params: task.params, from: summary.from, to: summary.to, metrics: summary.metrics, dates: equity.map((p) => p.date), values: equity.map((p) => p.equity) };
  } catch (error) {
    if (error instanceof AccountingError) return { ok: false, params: task.params, errors: [error.message], bug: true };
    throw error;
  }
}
