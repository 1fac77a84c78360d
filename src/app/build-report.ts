import type { Outcome } from './outcome.js';
import { isManagedPosition } from '../domain/index.js';
import type { ExecutionReport, ReportRegime, RunReport } from './report.js';
import type { MarketSnapshot, RebalancePlan } from './plan-rebalance.js';
import type { RunInputs } from './run-inputs.js';
import type { ScheduleStatus } from './schedule-check.js';
import type { BrokerSession } from './session.js';

export interface ReportParts {
  readonly inputs: RunInputs;
  readonly session: BrokerSession;
  readonly snapshot: MarketSnapshot;
  readonly plan: RebalancePlan;
  readonly regime: ReportRegime;
  readonly schedule: ScheduleStatus;
  readonly settled: { readonly found: number; readonly canceled: number };
  readonly runId: string;
  readonly auditFile: string;
  readonly execution: ExecutionReport | null;
  readonly outcome: Outcome;
  readonly data: RunReport['data'];
  readonly kind: RunReport['kind'];
}

/** The run report: what a person reads, or a program parses with --json. */
export function buildReport(parts: ReportParts): RunReport {
  const { inputs, session, snapshot, plan } = parts;
  return {
    mode: inputs.mode,
    kind: parts.kind,
    venue: inputs.choice.venue,
    runId: parts.runId,
    auditFile: parts.auditFile,
    broker: session.kind,
    brokerDetail: session.detail,
    asOf: snapshot.clock.timestamp,
    market: { isOpen: snapshot.clock.isOpen, nextOpen: snapshot.clock.nextOpen, nextClose: snapshot.clock.nextClose },
    regime: parts.regime,
    account: { equity: snapshot.account.equity, cash: snapshot.account.cash, buyingPower: snapshot.account.buyingPower },
    universe: { name: inputs.universe.name, size: inputs.universe.symbols.length },
    topN: inputs.config.topN,
    sizingMode: inputs.config.sizing.mode,
    picks: plan.scan.picks.map(({ rank, symbol, momentum, price, high52w }) => ({ rank, symbol, momentum, price, high52w })),
    excluded: plan.scan.excluded,
    targets: plan.targets.map(({ symbol, qty, price, value }) => ({ symbol, qty, price, value })),
    holdings: snapshot.positions.filter(isManagedPosition).map((p) => ({ symbol: p.symbol, qty: p.qty, price: p.currentPrice, value: p.marketValue })),
    unmanaged: {
      positions: plan.unmanaged.positions.map(({ symbol, assetClass, qty, marketValue }) => ({ symbol, assetClass, qty, marketValue })),
      openOrders: plan.unmanaged.openOrders.map(({ id, symbol, side, assetClass, status }) => ({ id, symbol, side, assetClass, status })),
    },
    orders: plan.orders.map(({ action, side, symbol, qty, fromQty, toQty, phase, reason }) => ({ action, side, symbol, qty, fromQty, toQty, phase, reason })),
    withinBand: plan.withinBand.map(({ symbol, fromQty, toQty, value, rule }) => ({ symbol, fromQty, toQty, value, rule })),
    validation: plan.validation,
    budget: plan.budget,
    deployment: { ...plan.deployment, heldAfter: heldAfter(plan, parts.execution, snapshot.account.equity) },
    schedule: { kind: parts.schedule.kind, isRebalanceDay: parts.schedule.isRebalanceDay, next: parts.schedule.next },
    settled: parts.settled,
    execution: parts.execution,
    data: parts.data,
    outcome: parts.outcome,
  };
}

/** The targets' holdings after execution (as the executor re-read them) valued at the plan's prices. */
function heldAfter(plan: RebalancePlan, execution: ExecutionReport | null, equity: number): RunReport['deployment']['heldAfter'] {
  if (execution === null || (execution.status !== 'complete' && execution.status !== 'incomplete')) return null;
  const held = new Map(execution.positionsAfter.map((p) => [p.symbol, p.qty]));
  const value = plan.targets.reduce((sum, t) => sum + (held.get(t.symbol) ?? 0) * t.price, 0);
  const { targetValue } = plan.deployment;
  return {
    value: round2(value),
    pctOfTarget: targetValue > 0 ? round2((value / targetValue) * 100) : 100,
    pctOfEquity: equity > 0 ? round2((value / equity) * 100) : 0,
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
