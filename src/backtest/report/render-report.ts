import type { BacktestRun } from '../types.js';

/** Placeholder until the charted report lands (helper branch h-report replaces this file). */
export function renderBacktestReport(run: BacktestRun): string {
  return `<!doctype html><title>backtest ${run.summary.from}</title>`;
}
