import type { Outcome } from './outcome.js';
import type { Exclusion, GateResult, Regime, Venue } from '../domain/index.js';

export type BrokerKind = 'local' | 'alpaca';

/** What the detector saw on the day it classified: its inputs, so a person can see why. */
export interface RegimeInputs {
  readonly date: string;
  readonly regime: string;
  readonly jm: 'bull' | 'bear' | null;
  readonly evidence: number | null;
  readonly features: { readonly dd10: number; readonly sortino20: number; readonly sortino60: number } | null;
  readonly ddAnnualized: number | null;
  readonly sma50: number | null;
  readonly sma200: number | null;
  readonly trendUp: boolean | null;
  readonly vix: number | null;
  readonly vixSource: string;
  readonly triggers: readonly string[];
  readonly inCrash: boolean;
  readonly calmDays: number;
  readonly refitDate: string | null;
  readonly lambda: number;
}

export interface ReportRegime {
  readonly name: Regime;
  readonly allocation: number;
  readonly source: 'override' | 'detector';
  readonly current?: RegimeInputs;
}
/** A dry run, or the venue the run traded at. */
export type RunMode = 'dry-run' | Venue;

export interface ExecutionReport {
  readonly status: 'complete' | 'incomplete' | 'skipped' | 'blocked';
  readonly reason: string | null;
  readonly orders: readonly {
    clientOrderId: string;
    orderId: string | null;
    phase: 1 | 2;
    symbol: string;
    side: 'buy' | 'sell';
    qty: number;
    status: string;
    filledQty: number;
    filledAvgPrice: number | null;
  }[];
  readonly positionsAfter: readonly { symbol: string; qty: number; targetQty: number }[];
  readonly problems: readonly string[];
}

/** The run report: printed as text, or as one JSON document with --json. */
export interface RunReport {
  readonly mode: RunMode;
  /** selection: a rebalance day's picks; exposure: the held names scaled to a changed regime between rebalance days. */
  readonly kind: 'selection' | 'exposure';
  /** Where orders go (or would go): local exchange, Alpaca paper, or live money. */
  readonly venue: Venue;
  readonly runId: string;
  readonly auditFile: string;
  readonly broker: BrokerKind;
  readonly brokerDetail: string;
  readonly asOf: string;
  readonly market: { readonly isOpen: boolean; readonly nextOpen: string; readonly nextClose: string };
  readonly regime: ReportRegime;
  readonly account: { readonly equity: number; readonly cash: number; readonly buyingPower: number };
  readonly universe: { readonly name: string; readonly size: number };
  readonly topN: number;
  readonly sizingMode: string;
  readonly picks: readonly { rank: number; symbol: string; momentum: number; price: number; high52w: number }[];
  readonly excluded: readonly Exclusion[];
  readonly targets: readonly { symbol: string; qty: number; price: number; value: number }[];
  /** The plain stocks held when the run read the account, at the broker's prices: what the orders start from. */
  readonly holdings: readonly { symbol: string; qty: number; price: number; value: number }[];
  /** What the tool leaves alone: non-stock positions (counted in equity, never ordered) and open non-stock orders. */
  readonly unmanaged: {
    readonly positions: readonly { symbol: string; assetClass: string; qty: number; marketValue: number }[];
    readonly openOrders: readonly { id: string; symbol: string; side: 'buy' | 'sell' | null; assetClass: string; status: string }[];
  };
  readonly orders: readonly {
    action: 'OPEN' | 'CLOSE' | 'ADJUST';
    side: 'buy' | 'sell';
    symbol: string;
    qty: number;
    fromQty: number;
    toQty: number;
    phase: 1 | 2;
    reason: string;
  }[];
  /** ADJUSTs not sent because the change is under sizing.minOrderValue or sizing.driftBand × the target's value. */
  readonly withinBand: readonly { symbol: string; fromQty: number; toQty: number; value: number; rule: 'minOrderValue' | 'driftBand' }[];
  readonly validation: { readonly passed: boolean; readonly gates: readonly GateResult[] };
  /**
   * The sizing budget: equity × allocation (× 1 − cashBuffer), less what the plan leaves held, capped so the buys
   * fit the executor's reserve and the broker's market-buy collar. deployment.targetValue is this budget.
   */
  readonly budget: {
    readonly allocated: number;
    readonly untouchedValue: number;
    readonly untouched: readonly { symbol: string; value: number; reason: string }[];
    readonly buyRoom: number;
    readonly budget: number;
  };
  readonly deployment: {
    readonly targetValue: number;
    readonly plannedValue: number;
    readonly pctOfTarget: number;
    readonly pctOfEquity: number;
    /**
     * What the targets' holdings are worth after an execution, at the plan's prices: after an incomplete run this,
     * not the plan, is what was bought. Null when nothing was executed.
     */
    readonly heldAfter: { readonly value: number; readonly pctOfTarget: number; readonly pctOfEquity: number } | null;
  };
  readonly schedule: { readonly kind: string; readonly isRebalanceDay: boolean; readonly next: string | null };
  /** Leftover orders of earlier runs that this run settled before planning. */
  readonly settled: { readonly found: number; readonly canceled: number };
  readonly execution: ExecutionReport | null;
  /** --plan-out: where the plan was written; --plan: the file approved and how the plan made now differs. */
  readonly approval?: { readonly planFile: string; readonly differences: readonly string[] };
  /** What the run's market data cost: every HTTP request to the market-data API, and what the cache saved. */
  readonly data: {
    readonly symbols: number;
    readonly bars: number;
    readonly requests: number;
    readonly cacheHits: number;
    /** The feed(s) that actually answered: the configured one, or "iex" after Alpaca refused "sip". */
    readonly feed: string;
    /** Present when the configured feed was refused: why, and what was used instead. */
    readonly feedFallback?: string;
    readonly adjustment: string;
    readonly cache: 'on' | 'off';
  };
  /** How the run ended; the CLI adds the exit code it maps to. */
  readonly outcome: Outcome;
}
