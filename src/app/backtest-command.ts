/** `rebalance backtest`: run one backtest and write its files. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { runSweep, type SweepResult } from '../backtest/sweep/run-sweep.js';
import { parseSweep } from '../backtest/sweep/sweep-spec.js';
import { parseWalkForward } from '../backtest/sweep/walk-forward.js';
import { writeSweepFiles, type SweepFiles } from '../backtest/sweep/write-sweep.js';
import { AccountingError } from '../backtest/ledger.js';
import { runBacktest, type BacktestRequest } from '../backtest/run-backtest.js';
import type { BacktestRun } from '../backtest/types.js';
import { writeBacktestFiles, type WrittenFiles } from '../backtest/write-files.js';
import { newYorkFileStamp } from '../time/new-york.js';
import type { CommandContext } from './compose.js';
import type { Outcome } from './outcome.js';

export interface BacktestCommandRequest extends BacktestRequest {
  /** Output folder; default backtests/<from>_<to>_<time>/ under the working directory. */
  readonly out?: string;
}

export type BacktestCommandResult =
  | { readonly kind: 'done'; readonly run: BacktestRun; readonly files: WrittenFiles }
  | { readonly kind: 'sweep'; readonly result: SweepResult; readonly files: SweepFiles }
  | { readonly kind: 'error'; readonly outcome: Outcome; readonly errors: readonly string[] };

export interface SweepCommandRequest extends BacktestCommandRequest {
  readonly sweep: string;
  readonly walkForward?: string;
  /** Worker threads; default one per core. */
  readonly threads?: number;
}

/** `backtest --sweep`: the grid on worker threads, ranked, with an optional walk-forward; sweep.csv and the rest. */
export async function sweepCommand(request: SweepCommandRequest, context: CommandContext, onProgress?: (done: number, total: number) => void): Promise<BacktestCommandResult> {
  const grid = parseSweep(request.sweep);
  const walk = request.walkForward === undefined ? undefined : parseWalkForward(request.walkForward);
  const problems = [...(grid.ok ? [] : grid.error), ...(walk === undefined || walk.ok ? [] : walk.error)];
  if (!grid.ok || (walk !== undefined && !walk.ok) || problems.length > 0) return { kind: 'error', outcome: 'badInput', errors: problems };
  const { sweep: _sweep, walkForward: _walk, threads, out, ...base } = request;
  let result;
  try {
    result = await runSweep(base, grid.value, walk?.value, context, threads ?? availableParallelism(), onProgress);
  } catch (error) {
    return { kind: 'error', outcome: 'unexpected', errors: [(error as Error).message] };
  }
  if (!result.ok) return { kind: 'error', outcome: 'badInput', errors: result.error };
  const stamp = newYorkFileStamp(context.now()).slice(0, 19).replaceAll('-', '').replace('T', '-');
  const dir = resolve(context.cwd, out ?? `backtests/sweep_${result.value.from}_${result.value.to}_${stamp}`);
  return { kind: 'sweep', result: result.value, files: writeSweepFiles(result.value, dir) };
}

export async function backtestCommand(
  request: BacktestCommandRequest,
  context: CommandContext,
  onProgress?: (done: number, total: number) => void,
): Promise<BacktestCommandResult> {
  let result;
  try {
    result = await runBacktest(request, context, onProgress);
  } catch (error) {
    // Books that do not balance are a bug in the simulation, never a market event: exit 1, naming the day.
    if (error instanceof AccountingError) return { kind: 'error', outcome: 'unexpected', errors: [error.message] };
    throw error;
  }
  if (!result.ok) return { kind: 'error', outcome: 'badInput', errors: result.error };
  const run = result.value;
  const stamp = newYorkFileStamp(context.now()).slice(0, 19).replaceAll('-', '').replace('T', '-');
  const dir = resolve(context.cwd, request.out ?? `backtests/${run.summary.from}_${run.summary.to}_${stamp}`);
  return { kind: 'done', run, files: writeBacktestFiles(run, dir) };
}
