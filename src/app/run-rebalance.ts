import { randomUUID } from 'node:crypto';
import { openAuditTrail, type AuditTrail } from '../audit/audit-trail.js';
import { BrokerError } from '../broker/port.js';
import { executePlan } from '../execute/two-phase-executor.js';
import { settleLeftovers } from '../execute/settle-leftovers.js';
import { acquireRunLock } from '../lock/run-lock.js';
import { planRebalance, type MarketSnapshot, type RebalancePlan } from './plan-rebalance.js';
import { buildReport } from './build-report.js';
import { readSnapshot } from './read-snapshot.js';
import { calendarDaysFor, newYorkDateOfTimestamp } from '../time/trading-date.js';
import { readTradingDays, type TradingDays } from './trading-days.js';
import type { MarketData } from '../market-data/port.js';
import type { MeteredMarketData } from '../market-data/metered.js';
import type { ExecutionReport, ReportRegime, RunMode, RunReport } from './report.js';
import { currentInputs, detectCurrentRegime } from './regime-step.js';
import { isManagedPosition, ok, roundQty, type MarketClock, type Regime, type Result } from '../domain/index.js';
import { decideExposure, type RunKind } from './exposure-decision.js';
import { isOwnOrder, tradingDateOf } from '../execute/client-order-id.js';
import { addDays } from '../time/calendar-date.js';
import { hashOf, sealPlan, writePlanFile, type PlanContent } from '../approval/plan-file.js';
import { planDifferences } from '../approval/compare-plans.js';
import { resolveRunInputs, type RebalanceRequest, type RunInputs } from './run-inputs.js';
import { checkSchedule } from './schedule-check.js';
import { openSession, type BrokerSession } from './session.js';
import { cacheDirOf, logVenue, marketDataFor, type CommandContext } from './compose.js';
import { outcomeOfBrokerError, type Outcome } from './outcome.js';

export type { RebalanceRequest } from './run-inputs.js';

export type RunOutcome =
  | { readonly kind: 'report'; readonly report: RunReport; readonly secrets: readonly string[] }
  /** A day between rebalances with nothing to do (exposure policy "regime"): exit 0, quietly. */
  | { readonly kind: 'unchanged'; readonly reason: string; readonly regime: ReportRegime; readonly mode: RunMode; readonly secrets: readonly string[]; readonly runId?: string }
  | {
      readonly kind: 'error';
      readonly outcome: Outcome;
      readonly errors: readonly string[];
      readonly secrets: readonly string[];
      readonly mode?: RunMode;
      readonly execution?: Pick<ExecutionReport, 'status' | 'reason'>;
      /** The audit trail's id of the run, once it has one (for the rows written after it, e.g. notify_failed). */
      readonly runId?: string;
    };

/** One rebalance run: check inputs, lock, read the account and market, plan, validate and (unless dry) execute. */
export async function runRebalance(request: RebalanceRequest, context: CommandContext): Promise<RunOutcome> {
  const inputs = resolveRunInputs(request, context.env, context.cwd, context.paths);
  if (!inputs.ok) return { kind: 'error', outcome: 'badInput', errors: inputs.error, secrets: [] };
  const { mode } = inputs.value;
  const lock = mode === 'dry-run' ? undefined : await acquireRunLock({ lockPath: inputs.value.lockPath, pid: context.pid, now: context.now });
  if (lock !== undefined && !lock.ok) {
    // Held by a live run: this run is skipped. Not takeable at all (permissions, disk): a fault someone must fix.
    if (lock.reason === 'failed') return { kind: 'error', outcome: 'unexpected', errors: [lock.message], secrets: [], mode };
    return { kind: 'error', outcome: 'skipped', errors: [lock.message], secrets: [], mode, execution: { status: 'skipped', reason: lock.message } };
  }
  const runId = `${context.now().toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`;
  const audit = openAuditTrail({ path: inputs.value.auditPath, maxBytes: inputs.value.config.audit.maxBytes, runId, mode, now: context.now });
  const opened = await openSession(inputs.value.choice, context.cwd, context.logger, inputs.value.auditPath, {
    ...(context.progress !== undefined ? { progress: context.progress } : {}),
    requestsPerMinute: inputs.value.config.data.requestsPerMinute,
  });
  try {
    if (!opened.ok) {
      audit.record({ event: 'run_failed', reason: opened.error.join('; ') });
      return { kind: 'error', outcome: 'badInput', errors: opened.error, secrets: [], mode, runId };
    }
    logVenue(context.logger, opened.value, mode);
    const outcome = await runPipeline(inputs.value, opened.value, audit, runId, request, context);
    return outcome.kind === 'report' ? outcome : { ...outcome, runId };
  } finally {
    if (opened.ok) await opened.value.close();
    audit.close();
    if (lock?.ok) await lock.release();
  }
}

/**
 * Where a backtest replaces a live run's data sources, and nothing else: the rest of the pipeline is the same code.
 */
export interface PipelineSeams {
  /** The run's market data; default: the session's, cached on disk and metered. */
  readonly marketData?: (days: TradingDays) => MeteredMarketData;
  /**
   * The detector's regime when none is forced; default: detectCurrentRegime on the run's market data. A backtest
   * answers from the detector's series computed once (each day's label uses only closes up to that day).
   */
  readonly detectRegime?: (clock: MarketClock, days: TradingDays) => Result<ReportRegime>;
}

/**
 * One run of the pipeline on an open session: clock, calendar, schedule, account checks, regime, leftovers,
 * snapshot, plan and gates, then (unless dry) the two-phase executor. The live command and the backtest both run it.
 */
export async function runPipeline(
  inputs: RunInputs,
  session: BrokerSession,
  audit: AuditTrail,
  runId: string,
  request: RebalanceRequest,
  context: CommandContext,
  seams: PipelineSeams = {},
): Promise<RunOutcome> {
  const { config, mode } = inputs;
  let regime = inputs.regimeOverride ?? '';
  const secrets = session.secrets;
  const stop = (status: 'skipped' | 'blocked', reason: string): RunOutcome => {
    audit.record({ event: 'run_finished', status, reason, regime });
    return { kind: 'error', outcome: 'skipped', errors: [reason], secrets, mode, execution: { status, reason } };
  };
  try {
    audit.record({ event: 'run_started', regime, reason: `${session.detail}; universe ${inputs.universe.name}` });
    const clock = await session.broker.getClock();
    const today = newYorkDateOfTimestamp(clock.timestamp);
    // Orders belong to the session they will trade in: today's, or the next one when the market is closed.
    const tradingSession = clock.isOpen ? today : newYorkDateOfTimestamp(clock.nextOpen);
    const lookback = Math.max(config.scanner.lookbackDays, config.scanner.minHistoryDays);
    const days = await readTradingDays(session.broker, clock, calendarDaysFor(lookback));
    const schedule = checkSchedule(config.schedule, today, days.sessions);
    const marketData =
      seams.marketData?.(days) ?? marketDataFor(session, config, context, { noCache: request.noCache === true, incompleteFrom: days.incompleteFrom });
    if (mode !== 'dry-run') {
      const account = await session.broker.getAccount();
      if (account.tradingBlocked || account.accountBlocked || account.status !== 'ACTIVE') {
        return stop('blocked', `blocked: account status ${account.status}${account.tradingBlocked ? ', trading blocked' : ''}${account.accountBlocked ? ', account blocked' : ''}`);
      }
      if (!clock.isOpen && !request.force) return stop('skipped', `skipped: market closed (next open ${clock.nextOpen}); --force submits anyway`);
      if (!schedule.isRebalanceDay && !request.force && config.exposure.policy === 'schedule') {
        return stop('skipped', `skipped: not a rebalance day (next: ${schedule.next ?? 'unknown'}); --force runs anyway`);
      }
    }
    // A regime that cannot be determined stops the run before anything changes: never a silent default.
    const decided = await decideRegime(inputs, session.kind, marketData, clock, days, context, seams);
    if (!decided.ok) return stop('blocked', decided.error.join('; '));
    regime = decided.value.name;
    // Between rebalance days the regime policy may change how much is invested, never who is held.
    let kind: RunKind = 'selection';
    if (config.exposure.policy === 'regime' && !schedule.isRebalanceDay && !request.force) {
      const decision = decideExposure({
        allocation: decided.value.allocation,
        ...(await investedAndLastTrade(session.broker, days, config)),
        band: config.exposure.band,
        minDaysBetween: config.exposure.minDaysBetween,
      });
      if (decision.kind === 'none') {
        audit.record({ event: 'run_finished', status: 'no change', reason: decision.reason, regime, runKind: 'none' });
        return { kind: 'unchanged', reason: decision.reason, regime: decided.value, mode, secrets };
      }
      kind = 'exposure';
      audit.record({ event: 'plan_validated', status: 'exposure', reason: decision.reason, regime, runKind: kind });
    }
    let settled = { found: 0, canceled: 0 };
    if (mode !== 'dry-run') {
      const settleSettings = {
        // Queued orders cannot fill while the market is closed: cancel them at once and plan again.
        fillTimeoutMs: clock.isOpen ? config.execution.fillTimeoutSec * 1000 : 0,
        pollIntervalMs: config.execution.pollIntervalSec * 1000,
      };
      const result = await settleLeftovers({ broker: session.broker, audit, now: context.now }, settleSettings, tradingSession);
      settled = { found: result.found.length, canceled: result.canceled.length };
    }
    context.progress?.begin(inputs.universe.symbols.length);
    const snapshot = await readSnapshot({ broker: session.broker, marketData }, clock, days, inputs.universe.symbols, config, context.logger).finally(() => context.progress?.end());
    for (const rejected of snapshot.rejectedData) {
      audit.record({ event: 'plan_validated', symbol: rejected.symbol, status: 'excluded', gate: 'data quality', reason: rejected.reason, regime });
    }
    const plan = planRebalance(snapshot, { regime: decided.value.name, universe: inputs.universe.symbols, topN: config.topN, config, force: request.force, dryRun: mode === 'dry-run', kind });
    for (const gate of plan.validation.gates) {
      audit.record({ event: gate.status === 'fail' ? 'gate_failed' : 'plan_validated', gate: `${gate.id} ${gate.name}`, status: gate.status, reason: gate.messages.join('; '), regime, equity: snapshot.account.equity });
    }
    for (const held of plan.withinBand) {
      audit.record({ event: 'plan_validated', symbol: held.symbol, qty: roundQty(Math.abs(held.toQty - held.fromQty)), status: 'within band', reason: `ADJUST ${held.fromQty} -> ${held.toQty} ($${held.value}) not sent: under sizing.${held.rule}`, regime });
    }
    const report = (execution: ExecutionReport | null, outcome: Outcome): RunReport =>
      buildReport({ inputs, session, snapshot, plan, regime: decided.value, schedule, settled, runId, auditFile: audit.path, execution, outcome, data: { feed: config.data.feed, ...marketData.usage(), adjustment: config.data.adjustment, cache: request.noCache === true ? 'off' : 'on' }, kind: kind === 'exposure' ? 'exposure' : 'selection' });
    if (!plan.validation.passed) {
      const reason = `a validation gate failed: ${plan.validation.gates.filter((g) => g.status === 'fail').map((g) => g.name).join(', ')}; nothing submitted`;
      audit.record({ event: 'run_finished', status: 'blocked', reason, regime, runKind: kind });
      return { kind: 'report', report: report(mode === 'dry-run' ? null : { status: 'blocked', reason, orders: [], positionsAfter: [], problems: [] }, 'gateFailed'), secrets };
    }
    // What a person approves, and what a run with --plan must match: the plan made now, in the same words.
    const content = planContentOf(plan, { tradingDate: tradingSession, inputs, equity: snapshot.account.equity, cash: snapshot.account.cash, regime, at: context.now() });
    if (mode === 'dry-run') {
      if (inputs.planOut !== undefined) writePlanFile(inputs.planOut, sealPlan(content));
      const written = inputs.planOut === undefined ? '' : `; plan written to ${inputs.planOut} for approval`;
      audit.record({ event: 'run_finished', status: 'planned', reason: `dry run: ${plan.orders.length} order(s) planned, none submitted${written}`, regime, runKind: kind });
      return { kind: 'report', report: { ...report(null, 'ok'), ...(inputs.planOut !== undefined ? { approval: { planFile: inputs.planOut, differences: [] } } : {}) }, secrets };
    }
    if (inputs.approvedPlan !== undefined) {
      const differences = planDifferences(inputs.approvedPlan, content, config.approval.qtyTolerance);
      if (differences.length > 0) {
        const reason = `the plan made now differs from the approved plan (${differences.length} difference(s)); nothing submitted`;
        audit.record({ event: 'run_finished', status: 'blocked', reason: `${reason}: ${differences.join('; ')}`, regime, runKind: kind });
        const blocked = report({ status: 'blocked', reason, orders: [], positionsAfter: [], problems: differences }, 'gateFailed');
        return { kind: 'report', report: { ...blocked, approval: { planFile: request.planFile ?? '', differences } }, secrets };
      }
      audit.record({ event: 'plan_validated', gate: 'approval', status: 'pass', reason: `matches the approved plan ${inputs.approvedPlan.contentHash.slice(0, 12)}`, regime });
    }
    const result = await executePlan(
      { tradingDate: tradingSession, orders: plan.orders, prices: planPrices(plan, snapshot), targets: planTargets(plan) },
      {
        fillTimeoutMs: config.execution.fillTimeoutSec * 1000,
        pollIntervalMs: config.execution.pollIntervalSec * 1000,
        buyingPowerReserve: config.execution.buyingPowerReserve,
        marketClosed: !clock.isOpen,
        isFractional: (symbol) => config.sizing.mode === 'fractional' && (snapshot.assets.get(symbol)?.fractionable ?? false),
      },
      { broker: session.broker, audit, logger: context.logger, now: context.now },
    );
    audit.record({ event: 'run_finished', status: result.status, reason: result.reason ?? 'every order filled; positions at target', regime, runKind: kind });
    return { kind: 'report', report: report(result, result.status === 'complete' ? 'ok' : 'incomplete'), secrets };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    audit.record({ event: 'run_failed', reason: message, regime });
    if (error instanceof BrokerError) return { kind: 'error', outcome: outcomeOfBrokerError(error), errors: [`broker: ${message}`], secrets, mode };
    throw error;
  }
}

/**
 * The managed stocks' share of equity at the broker's prices, and how many sessions ago the tool last had an order
 * filled (its client order ids carry the trading date).
 */
async function investedAndLastTrade(
  broker: BrokerSession['broker'],
  days: TradingDays,
  config: RunInputs['config'],
): Promise<{ invested: number; sessionsSinceLastTrade: number | undefined }> {
  const [account, positions] = await Promise.all([broker.getAccount(), broker.getPositions()]);
  const ignored = new Set(config.ignoreSymbols);
  const value = positions.filter((p) => isManagedPosition(p) && !ignored.has(p.symbol)).reduce((sum, p) => sum + p.marketValue, 0);
  const today = days.sessions.indexOf(days.today);
  const lookback = days.sessions[Math.max(0, today - config.exposure.minDaysBetween - 1)] ?? days.today;
  const orders = await broker.listOrders({ status: 'all', after: `${addDays(lookback, -7)}T00:00:00Z` });
  const traded = orders
    .filter((o) => o.filledQty > 0 && isOwnOrder(o.clientOrderId))
    .map((o) => tradingDateOf(o.clientOrderId))
    .filter((d): d is string => d !== undefined && d <= days.today)
    .sort();
  const last = traded.at(-1);
  const lastIndex = last === undefined ? -1 : days.sessions.indexOf(last);
  return {
    invested: account.equity > 0 ? value / account.equity : 0,
    sessionsSinceLastTrade: lastIndex < 0 || today < 0 ? undefined : today - lastIndex,
  };
}

/** The plan as a person approves it: the orders and targets, and what they were made from. */
function planContentOf(
  plan: RebalancePlan,
  facts: { tradingDate: string; inputs: RunInputs; equity: number; cash: number; regime: string; at: Date },
): PlanContent {
  return {
    version: 1,
    createdAt: facts.at.toISOString(),
    tradingDate: facts.tradingDate,
    venue: facts.inputs.choice.venue,
    account: { equity: facts.equity, cash: facts.cash, key: facts.inputs.accountKey },
    regime: facts.regime,
    configHash: hashOf(facts.inputs.config),
    universe: facts.inputs.universe.name,
    orders: plan.orders.map(({ action, side, symbol, qty }) => ({ action, side, symbol, qty })),
    targets: plan.targets.map(({ symbol, qty, price }) => ({ symbol, qty, price })),
  };
}

/** --regime when given, else the detector's regime of the latest completed trading day. */
async function decideRegime(
  inputs: RunInputs,
  brokerKind: BrokerSession['kind'],
  marketData: MarketData,
  clock: MarketClock,
  days: TradingDays,
  context: CommandContext,
  seams: PipelineSeams,
): Promise<Result<ReportRegime>> {
  const allocationOf = (name: Regime): number => inputs.config.regimeAllocation[name];
  if (inputs.regimeOverride !== undefined) {
    return ok({ name: inputs.regimeOverride, allocation: allocationOf(inputs.regimeOverride), source: 'override' });
  }
  if (seams.detectRegime !== undefined) return seams.detectRegime(clock, days);
  const detected = await detectCurrentRegime({
    marketData,
    clock,
    days,
    config: inputs.config,
    cwd: context.cwd,
    cacheDir: cacheDirOf(inputs.config, context),
    now: context.now(),
    fetchImpl: context.fetchImpl,
    brokerKind,
  });
  if (!detected.ok) return detected;
  const { regime, day, vix } = detected.value;
  return ok({ name: regime, allocation: allocationOf(regime), source: 'detector', current: currentInputs(day, vix.note) });
}

/**
 * Every quantity the plan stands for: each target, and each managed position it closes (the differ closes every
 * managed position without a target, so the orders name the rest). Symbols it leaves alone are not in it.
 */
function planTargets(plan: RebalancePlan): ReadonlyMap<string, number> {
  const targets = new Map<string, number>();
  for (const target of plan.targets) targets.set(target.symbol, roundQty(target.qty));
  for (const order of plan.orders) targets.set(order.symbol, order.toQty);
  return targets;
}

/** The prices the plan was made at: targets' prices over the broker's position prices. */
function planPrices(plan: RebalancePlan, snapshot: MarketSnapshot): ReadonlyMap<string, number> {
  const prices = new Map<string, number>(snapshot.positions.map((p) => [p.symbol, p.currentPrice]));
  for (const target of plan.targets) prices.set(target.symbol, target.price);
  return prices;
}
