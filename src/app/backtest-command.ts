/** `rebalance backtest`: run one backtest and write its files. */
import { resolve } from 'node:path';
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
  | { readonly kind: 'error'; readonly outcome: Outcome; readonly errors: readonly string[] };

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
