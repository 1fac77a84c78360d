import { existsSync, readFileSync } from 'node:fs';
import type { AuditTrail } from '../audit/audit-trail.js';
import { BrokerError } from '../broker/port.js';
import { isManagedPosition, type Regime } from '../domain/index.js';
import { isOwnOrder } from '../execute/client-order-id.js';
import { inspectRunLock, type RunLockState } from '../lock/run-lock.js';
import { computeDrift, driftBandOf, type Drift } from '../status/drift.js';
import { lastRunOf, parseTrail, type LastRun } from '../status/last-run.js';
import { decideStatus } from '../status/verdict.js';
import { logVenue, type CommandContext } from './compose.js';
import { outcomeOfBrokerError, type Outcome } from './outcome.js';
import type { RunMode } from './report.js';
import { resolveRunInputs, type RebalanceRequest } from './run-inputs.js';
import { runPipeline, type RunOutcome } from './run-rebalance.js';
import type { RunReport } from './report.js';
import { openSession } from './session.js';

export interface StatusRequest {
  readonly configFile?: string;
  readonly scenario?: string;
  readonly auditFile?: string;
  readonly universe?: string;
  readonly topN?: number;
  /** Forces the dry run's regime, as --regime does for a run; default: the detector. */
  readonly regime?: Regime;
  readonly noCache?: boolean;
}

/** `rebalance status`: one document answering "is everything all right?"; nothing is submitted or recorded. */
export interface StatusReport {
  readonly auditFile: string;
  readonly lastRun: LastRun | null;
  readonly regime: {
    readonly today: string | null;
    readonly source: 'override' | 'detector' | null;
    readonly lastRun: string | null;
    /** null when either side is unknown. */
    readonly changed: boolean | null;
  };
  /** What a dry run would do now: null when it could not plan (see planError). */
  readonly plan: {
    readonly mode: RunMode;
    readonly kind: 'selection' | 'exposure' | 'none';
    readonly orders: number;
    /** Failed validation gates of today's plan (the next run would stop there). */
    readonly failedGates: readonly string[];
    /** Set when the exposure policy has nothing to change today. */
    readonly note: string | null;
  } | null;
  readonly planError: string | null;
  readonly drift: (Drift & { readonly band: number; readonly withinBand: boolean }) | null;
  readonly schedule: { readonly kind: string; readonly isRebalanceDay: boolean; readonly next: string | null } | null;
  readonly lock: RunLockState & { readonly path: string };
  /** The broker's open orders placed by the tool (client order ids it made). */
  readonly openOrders: readonly { readonly clientOrderId: string; readonly symbol: string; readonly side: string | null; readonly qty: number; readonly status: string }[];
  readonly outcome: Outcome;
  readonly reasons: readonly string[];
}

export type StatusOutcome =
  /** `plan`: the dry run's own report behind the status (for --report-html), null when it could not plan. */
  | { readonly kind: 'report'; readonly report: StatusReport; readonly plan: RunReport | null; readonly secrets: readonly string[] }
  | { readonly kind: 'error'; readonly outcome: Outcome; readonly errors: readonly string[]; readonly secrets: readonly string[] };

export async function runStatusCommand(request: StatusRequest, context: CommandContext): Promise<StatusOutcome> {
  const runRequest: RebalanceRequest = {
    dryRun: true,
    force: false,
    ...(request.regime !== undefined ? { regime: request.regime } : {}),
    ...(request.topN !== undefined ? { topN: request.topN } : {}),
    ...(request.universe !== undefined ? { universe: request.universe } : {}),
    ...(request.configFile !== undefined ? { configFile: request.configFile } : {}),
    ...(request.scenario !== undefined ? { scenario: request.scenario } : {}),
    ...(request.auditFile !== undefined ? { auditFile: request.auditFile } : {}),
    ...(request.noCache === true ? { noCache: true } : {}),
  };
  const bad = (errors: readonly string[]): StatusOutcome => ({ kind: 'error', outcome: 'badInput', errors, secrets: [] });
  const resolved = resolveRunInputs(runRequest, context.env, context.cwd, context.paths);
  if (!resolved.ok) return bad(resolved.error);
  const inputs = resolved.value;
  const trail = readLastRun(inputs.auditPath);
  if (!trail.ok) return bad(trail.error);
  const lock = { ...inspectRunLock(inputs.lockPath, context.now()), path: inputs.lockPath };

  const opened = await openSession(inputs.choice, context.cwd, context.logger, inputs.auditPath, {
    ...(context.progress !== undefined ? { progress: context.progress } : {}),
    requestsPerMinute: inputs.config.data.requestsPerMinute,
  });
  if (!opened.ok) return bad(opened.error);
  const session = opened.value;
  logVenue(context.logger, session, 'status (dry run)');
  let planned: RunOutcome;
  let held: Awaited<ReturnType<typeof readHoldings>>;
  try {
    // The dry run's rows go nowhere: a status must not become the trail's "last run".
    planned = await runPipeline(inputs, session, discardingTrail(inputs.auditPath), 'status', runRequest, context);
    held = await readHoldings(session.broker);
  } catch (error) {
    if (error instanceof BrokerError) return { kind: 'error', outcome: outcomeOfBrokerError(error), errors: [`broker: ${error.message}`], secrets: session.secrets };
    throw error;
  } finally {
    await session.close();
  }
  if (planned.kind === 'error' && planned.outcome === 'badInput') return { kind: 'error', outcome: 'badInput', errors: planned.errors, secrets: session.secrets };

  const lastRun = trail.value ?? null;
  const band = driftBandOf(inputs.config);
  const report = planned.kind === 'report' ? planned.report : null;
  const drift = report === null ? null : computeDrift({ targets: report.targets, orders: report.orders, positions: held.positions, equity: report.account.equity });
  const today = planned.kind === 'report' ? planned.report.regime : planned.kind === 'unchanged' ? planned.regime : null;
  const planError = planned.kind === 'error' ? { outcome: planned.outcome, message: planned.errors.join('; ') } : undefined;
  const verdict = decideStatus({
    lastRun: lastRun ?? undefined,
    lockHeld: lock.state === 'held',
    drift: drift?.total ?? null,
    band,
    ...(planError !== undefined ? { planError } : {}),
  });
  const lastRegime = lastRun?.regime ?? null;
  return {
    kind: 'report',
    secrets: session.secrets,
    plan: report,
    report: {
      auditFile: inputs.auditPath,
      lastRun,
      regime: {
        today: today?.name ?? null,
        source: today?.source ?? null,
        lastRun: lastRegime,
        changed: today === null || lastRegime === null ? null : today.name !== lastRegime,
      },
      plan:
        planned.kind === 'report'
          ? {
              mode: planned.report.mode,
              kind: planned.report.kind,
              orders: planned.report.orders.length,
              failedGates: planned.report.validation.gates.filter((g) => g.status === 'fail').map((g) => g.name),
              note: null,
            }
          : planned.kind === 'unchanged'
            ? { mode: planned.mode, kind: 'none', orders: 0, failedGates: [], note: planned.reason }
            : null,
      planError: planError?.message ?? null,
      drift: drift === null ? null : { ...drift, band, withinBand: drift.total <= band },
      schedule: report?.schedule ?? null,
      lock,
      openOrders: held.ownOpenOrders,
      outcome: verdict.outcome,
      reasons: verdict.reasons,
    },
  };
}

/** The trail's last run; undefined when there is no trail or it holds no run yet. */
function readLastRun(path: string): { ok: true; value: LastRun | undefined } | { ok: false; error: readonly string[] } {
  if (!existsSync(path)) return { ok: true, value: undefined };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, error: [`audit trail ${path}: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const rows = parseTrail(text);
  if (!rows.ok) return { ok: false, error: rows.error.map((e) => `audit trail ${path}: ${e}`) };
  return { ok: true, value: lastRunOf(rows.value) };
}

/** The managed positions and the tool's own open orders, as the broker has them now. */
async function readHoldings(broker: Parameters<typeof runPipeline>[1]['broker']) {
  const [positions, openOrders] = await Promise.all([broker.getPositions(), broker.getOpenOrders()]);
  return {
    positions: positions.filter(isManagedPosition).map(({ symbol, qty, currentPrice }) => ({ symbol, qty, currentPrice })),
    ownOpenOrders: openOrders
      .filter((o) => isOwnOrder(o.clientOrderId))
      .map(({ clientOrderId, symbol, side, qty, status }) => ({ clientOrderId, symbol, side, qty, status: String(status) })),
  };
}

function discardingTrail(path: string): AuditTrail {
  return { path, record: () => undefined, close: () => undefined };
}
