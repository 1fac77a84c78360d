/**
 * `rebalance backtest --sweep SPEC [--walk-forward SPEC]`: every parameter set of the grid over the whole span
 * (ranked by Sharpe), and, with a walk-forward, the out-of-sample curve chained from each window's best-on-train
 * set run on the test span that follows, reported beside the best in-sample result.
 */
import type { CommandContext } from '../../app/compose.js';
import { err, ok, type Result } from '../../domain/index.js';
import { returnMetrics } from '../../metrics/performance.js';
import type { BacktestRequest } from '../run-backtest.js';
import type { BacktestMetrics, ReturnMetrics } from '../types.js';
import { runTasks } from './run-tasks.js';
import type { ParamSet } from './sweep-spec.js';
import type { SweepTask, SweepTaskResult } from './sweep-task.js';
import { bestBySharpe, stitch, windowsOf, type WalkForwardSpec, type Window } from './walk-forward.js';

export interface SweepRun {
  readonly params: ParamSet;
  readonly metrics: BacktestMetrics;
}

export interface WalkForwardWindow extends Window {
  readonly chosen: ParamSet;
  /** The chosen set's Sharpe on its train span. */
  readonly trainSharpe: number | null;
  readonly test: Window['test'] & { readonly metrics: BacktestMetrics };
}

export interface WalkForwardResult {
  readonly windows: readonly WalkForwardWindow[];
  /** The chained test spans: what choosing by the past would have earned. */
  readonly outOfSample: ReturnMetrics & { readonly from: string; readonly to: string };
  readonly curve: { readonly dates: readonly string[]; readonly values: readonly number[] };
}

export interface SweepResult {
  readonly from: string;
  readonly to: string;
  /** Best Sharpe first. */
  readonly runs: readonly SweepRun[];
  readonly walkForward: WalkForwardResult | null;
}

type BaseRequest = Omit<BacktestRequest, 'overrides' | 'benchmarks'>;

export async function runSweep(
  base: BaseRequest,
  grid: readonly ParamSet[],
  walkForward: WalkForwardSpec | undefined,
  context: CommandContext,
  threads: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Result<SweepResult>> {
  const taskOf = (request: BaseRequest, params: ParamSet): SweepTask => ({ request, params, cwd: context.cwd, env: context.env });
  const windows = walkForward === undefined ? [] : windowsOf(base.from, base.to, walkForward);
  if (walkForward !== undefined && windows.length === 0) return err([`--walk-forward: ${base.from} .. ${base.to} is shorter than one train span plus a test span`]);
  const trainTasks = windows.flatMap((w) => grid.map((params) => taskOf({ ...base, from: w.train.from, to: w.train.to }, params)));
  const fullTasks = grid.map((params) => taskOf(base, params));
  const total = fullTasks.length + trainTasks.length + windows.length;
  let done = 0;
  const tick = (): void => onProgress?.(++done, total);
  // Every full-span and train-span run at once: the pool keeps every core busy across both.
  const results = await runTasks([...fullTasks, ...trainTasks], threads, tick);
  const failed = results.filter((r): r is Extract<SweepTaskResult, { ok: false }> => !r.ok);
  if (failed.some((f) => f.bug)) throw new Error(failed.filter((f) => f.bug).map((f) => f.errors.join('; ')).join('; '));
  if (failed.length > 0) return err([...new Set(failed.flatMap((f) => f.errors))]);
  const succeeded = results as Extract<SweepTaskResult, { ok: true }>[];
  const full = succeeded.slice(0, fullTasks.length);
  const runs = rank(full.map((r) => ({ params: r.params, metrics: r.metrics })));
  if (walkForward === undefined) return ok({ from: full[0]?.from ?? base.from, to: full[0]?.to ?? base.to, runs, walkForward: null });

  const train = succeeded.slice(fullTasks.length);
  const chosen = windows.map((w, i) => {
    const candidates = train.slice(i * grid.length, (i + 1) * grid.length);
    const best = bestBySharpe(candidates.map((c) => ({ ...c, sharpe: c.metrics.sharpe })));
    return { window: w, best };
  });
  const testResults = await runTasks(
    chosen.map(({ window, best }) => taskOf({ ...base, from: window.test.from, to: window.test.to }, best?.params ?? {})),
    threads,
    tick,
  );
  const testFailed = testResults.find((r) => !r.ok);
  if (testFailed !== undefined && !testFailed.ok) return err([...testFailed.errors]);
  const tests = testResults as Extract<SweepTaskResult, { ok: true }>[];
  const capital = base.capital ?? 100_000;
  const curve = stitch(tests, capital);
  return ok({
    from: full[0]?.from ?? base.from,
    to: full[0]?.to ?? base.to,
    runs,
    walkForward: {
      windows: chosen.map(({ window, best }, i) => ({
        train: window.train,
        chosen: best?.params ?? {},
        trainSharpe: best?.sharpe ?? null,
        test: { ...window.test, metrics: (tests[i] as Extract<SweepTaskResult, { ok: true }>).metrics },
      })),
      outOfSample: { ...returnMetrics(curve.dates, curve.values), from: curve.dates[0] ?? '', to: curve.dates.at(-1) ?? '' },
      curve,
    },
  });
}

function rank(runs: readonly SweepRun[]): SweepRun[] {
  return [...runs].sort((a, b) => (b.metrics.sharpe ?? -Infinity) - (a.metrics.sharpe ?? -Infinity));
}
