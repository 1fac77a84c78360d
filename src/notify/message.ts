/**
 * What a notification says about a run: one value built from the run's outcome, then rendered per format
 * (formats.ts). Pure: the clock, the previous regime and the exit code's meaning are given.
 */
import type { Outcome } from '../app/outcome.js';
import type { RunOutcome } from '../app/run-rebalance.js';
import type { BacktestCommandResult } from '../app/backtest-command.js';
import { scrubSecrets } from '../cli/scrub.js';

export interface NoticeOrder {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly filledQty: number;
  readonly filledAvgPrice: number | null;
  /** The broker's final status; "planned" in a dry run; "filled" for a backtest's fill. */
  readonly status: string;
  /** A backtest's fill day. */
  readonly date?: string;
}

export interface RunNotice {
  readonly command: 'rebalance' | 'backtest';
  /** dry-run | local | paper | live | backtest; null when the run stopped before knowing it. */
  readonly mode: string | null;
  /** selection | exposure | none (nothing to do between rebalance days); null when the run stopped before planning. */
  readonly kind: 'selection' | 'exposure' | 'none' | null;
  readonly regime: string | null;
  /** The regime of the previous run in the audit trail; null when unknown. */
  readonly previousRegime: string | null;
  readonly exitCode: number;
  readonly outcome: Outcome;
  readonly meaning: string;
  readonly orders: readonly NoticeOrder[];
  readonly fills: number;
  /** Σ filled qty × fill price, dollars. */
  readonly moneyMoved: number;
  /** What a person should look at: errors, failed gates, execution problems. */
  readonly attention: readonly string[];
  readonly runId: string | null;
  /** When the notice was made, New York time with its offset. */
  readonly at: string;
  /** Exit 5 because the run was blocked, not skipped (a "failure"). */
  readonly blocked: boolean;
}

export interface NoticeFacts {
  readonly exitCode: number;
  readonly meaning: string;
  readonly at: string;
}

export const regimeChanged = (notice: Pick<RunNotice, 'regime' | 'previousRegime'>): boolean =>
  notice.regime !== null && notice.previousRegime !== null && notice.regime !== notice.previousRegime;

/** The notice of a `rebalance` run. */
export function rebalanceNotice(run: RunOutcome, facts: NoticeFacts & { readonly previousRegime: string | null; readonly dryRun: boolean }): RunNotice {
  const base = { command: 'rebalance' as const, previousRegime: facts.previousRegime, exitCode: facts.exitCode, meaning: facts.meaning, at: facts.at };
  if (run.kind === 'error') {
    return {
      ...base,
      mode: run.mode ?? (facts.dryRun ? 'dry-run' : null),
      kind: null,
      regime: null,
      outcome: run.outcome,
      ...withOrders([]),
      attention: run.errors,
      runId: run.runId ?? null,
      blocked: run.execution?.status === 'blocked',
    };
  }
  if (run.kind === 'unchanged') {
    return { ...base, mode: run.mode, kind: 'none', regime: run.regime.name, outcome: 'ok', ...withOrders([]), attention: [], runId: run.runId ?? null, blocked: false };
  }
  const { report } = run;
  const execution = report.execution;
  const orders: NoticeOrder[] =
    execution === null
      ? report.orders.map((o) => ({ symbol: o.symbol, side: o.side, qty: o.qty, filledQty: 0, filledAvgPrice: null, status: 'planned' }))
      : execution.orders.map((o) => ({ symbol: o.symbol, side: o.side, qty: o.qty, filledQty: o.filledQty, filledAvgPrice: o.filledAvgPrice, status: o.status }));
  const gates = report.validation.gates.filter((g) => g.status === 'fail').map((g) => `gate ${g.id} ${g.name} failed: ${g.messages.join('; ')}`);
  const stopped = execution !== null && execution.status !== 'complete' && execution.reason !== null ? [execution.reason] : [];
  return {
    ...base,
    mode: report.mode,
    kind: report.kind,
    regime: report.regime.name,
    outcome: report.outcome,
    ...withOrders(orders),
    attention: [...gates, ...stopped, ...(execution?.problems ?? [])],
    runId: report.runId,
    blocked: execution?.status === 'blocked',
  };
}

/** How many shortfalls a backtest notice lists before counting the rest. */
const MAX_SHORTFALLS = 10;

/** The notice of a `rebalance backtest` run (a sweep is summed up without orders). */
export function backtestNotice(result: BacktestCommandResult, facts: NoticeFacts): RunNotice {
  const base = { command: 'backtest' as const, mode: 'backtest', kind: null, previousRegime: null, exitCode: facts.exitCode, meaning: facts.meaning, at: facts.at, runId: null, blocked: false };
  if (result.kind === 'error') return { ...base, regime: null, outcome: result.outcome, ...withOrders([]), attention: result.errors };
  if (result.kind === 'sweep') {
    return { ...base, regime: null, outcome: 'ok', ...withOrders([]), attention: [`sweep of ${result.result.runs.length} runs, ${result.result.from} to ${result.result.to}: see ${result.files.dir}`] };
  }
  const { run } = result;
  const orders = run.fills.map((f) => ({ symbol: f.symbol, side: f.side, qty: f.qty, filledQty: f.qty, filledAvgPrice: f.price, status: 'filled', date: f.date }));
  const shortfalls = run.shortfalls.slice(0, MAX_SHORTFALLS).map((s) => `${s.date}: ${s.reason}`);
  const more = run.shortfalls.length - shortfalls.length;
  return {
    ...base,
    regime: run.equity.at(-1)?.regime ?? null,
    outcome: 'ok',
    ...withOrders(orders),
    attention: [...run.summary.notes, ...shortfalls, ...(more > 0 ? [`and ${more} more shortfall(s): see ${result.files.dir}`] : [])],
  };
}

function withOrders(orders: readonly NoticeOrder[]): Pick<RunNotice, 'orders' | 'fills' | 'moneyMoved'> {
  const filled = orders.filter((o) => o.filledQty > 0);
  return { orders, fills: filled.length, moneyMoved: filled.reduce((sum, o) => sum + o.filledQty * (o.filledAvgPrice ?? 0), 0) };
}

/** Every string of the notice with the secrets replaced: keys never leave in a payload. */
export function scrubNotice(notice: RunNotice, secrets: readonly string[]): RunNotice {
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubSecrets(value, secrets);
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  return scrub(notice) as RunNotice;
}
