import type { Outcome } from './outcome.js';
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
}

/** The run report: what a person reads, or a program parses with --json. */
export function buildReport(parts: ReportParts): RunReport {
  const { inputs, session, snapshot, plan } = parts;
  return {
    mode: inputs.mode,
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
    unmanaged: {
      positions: plan.unmanaged.positions.map(({ symbol, assetClass, qty, marketValue }) => ({ symbol, assetClass, qty, marketValue })),
      openOrders: plan.unmanaged.openOrders.map(({ id, symbol, side, assetClass, status }) => ({ id, symbol, side, assetClass, status })),
    },
    orders: plan.orders.map(({ action, side, symbol, qty, fromQty, toQty, phase, reason }) => ({ action, side, symbol, qty, fromQty, toQty, phase, reason })),
    validation: plan.validation,
    budget: plan.budget,
    deployment: plan.deployment,
    schedule: { kind: parts.schedule.kind, isRebalanceDay: parts.schedule.isRebalanceDay, next: parts.schedule.next },
    settled: parts.settled,
    execution: parts.execution,
    data: parts.data,
    outcome: parts.outcome,
  };
}
