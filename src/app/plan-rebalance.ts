import type {
  Account,
  Asset,
  BarsBySymbol,
  GateResult,
  MarketClock,
  MomentumPick,
  OpenOrder,
  OrderIntent,
  Position,
  Regime,
  ScanResult,
  Target,
} from '../domain/index.js';
import type { Config } from '../config/schema.js';
import type { ExcludedSymbol } from '../market-data/quality/index.js';
import { scanMomentum52w } from '../scanner/momentum52w.js';
import { sizeTargets } from '../sizing/size-targets.js';
import { diffPositions } from '../diff/position-differ.js';
import { validatePlan } from '../validate/validate-plan.js';

/** Everything the planner needs, read from the broker and market data beforehand. */
export interface MarketSnapshot {
  readonly clock: MarketClock;
  readonly account: Account;
  readonly positions: readonly Position[];
  readonly openOrders: readonly OpenOrder[];
  readonly assets: ReadonlyMap<string, Asset>;
  readonly bars: BarsBySymbol;
  /** Symbols whose bars failed the data-quality gate: not scanned, and held ones are not traded this run. */
  readonly rejectedData: readonly ExcludedSymbol[];
}

export interface PlanRequest {
  readonly regime: Regime;
  readonly universe: readonly string[];
  readonly topN: number;
  readonly config: Config;
  readonly force: boolean;
  readonly dryRun: boolean;
}

export interface RebalancePlan {
  readonly allocation: number;
  readonly scan: ScanResult;
  readonly targets: readonly Target[];
  readonly orders: readonly OrderIntent[];
  readonly validation: { readonly passed: boolean; readonly gates: readonly GateResult[] };
  readonly deployment: { targetValue: number; plannedValue: number; pctOfTarget: number; pctOfEquity: number };
}

/** The pure core of a run: scan, size, diff and validate. No I/O, no clock. */
export function planRebalance(snapshot: MarketSnapshot, request: PlanRequest): RebalancePlan {
  const { config } = request;
  const allocation = config.regimeAllocation[request.regime];
  const rejected = new Set(snapshot.rejectedData.map((e) => e.symbol));
  const scanned = scanMomentum52w({
    universe: request.universe.filter((s) => !rejected.has(s)),
    bars: snapshot.bars,
    assets: snapshot.assets,
    topN: request.topN,
    config: config.scanner,
  });
  const scan: ScanResult = {
    picks: scanned.picks,
    // A recent listing is not bad data: its reason ("too little history: …") stands as it is.
    excluded: [...snapshot.rejectedData.map((e) => ({ symbol: e.symbol, reason: e.kind === 'too-little-history' ? e.reason : `bad data: ${e.reason}` })), ...scanned.excluded],
  };
  // Bad bars must not move money: a held symbol whose data failed the gate is left as it is this run.
  const untouchable = [...config.ignoreSymbols, ...snapshot.positions.map((p) => p.symbol).filter((s) => rejected.has(s))];
  const isFractionable = (symbol: string): boolean => snapshot.assets.get(symbol)?.fractionable ?? false;
  const targets = sizeTargets({
    picks: scan.picks,
    equity: snapshot.account.equity,
    allocation,
    cashBuffer: config.sizing.cashBuffer,
    mode: config.sizing.mode,
    isFractionable,
  });
  const orders = diffPositions({
    positions: snapshot.positions,
    targets,
    universe: request.universe,
    ignoreSymbols: untouchable,
  });
  const validation = validatePlan({
    orders,
    targets,
    positions: snapshot.positions,
    account: snapshot.account,
    prices: currentPrices(scan.picks, snapshot),
    assets: snapshot.assets,
    openOrders: snapshot.openOrders,
    clock: snapshot.clock,
    regime: request.regime,
    allocation,
    sizingMode: config.sizing.mode,
    ignoreSymbols: untouchable,
    config: { ...config.gates, minPrice: config.scanner.minPrice, buyingPowerReserve: config.execution.buyingPowerReserve },
    force: request.force,
    dryRun: request.dryRun,
  });
  const targetValue = snapshot.account.equity * allocation * (1 - config.sizing.cashBuffer);
  const plannedValue = targets.reduce((sum, t) => sum + t.value, 0);
  return {
    allocation,
    scan,
    targets,
    orders,
    validation,
    deployment: {
      targetValue: round2(targetValue),
      plannedValue: round2(plannedValue),
      pctOfTarget: targetValue > 0 ? round2((plannedValue / targetValue) * 100) : 100,
      pctOfEquity: snapshot.account.equity > 0 ? round2((plannedValue / snapshot.account.equity) * 100) : 0,
    },
  };
}

/** Latest close for every symbol with bars; the broker's price for held symbols without bars. */
function currentPrices(picks: readonly MomentumPick[], snapshot: MarketSnapshot): ReadonlyMap<string, number> {
  const prices = new Map<string, number>();
  for (const position of snapshot.positions) prices.set(position.symbol, position.currentPrice);
  for (const [symbol, bars] of snapshot.bars) {
    const last = bars[bars.length - 1];
    if (last !== undefined && Number.isFinite(last.close) && last.close > 0) prices.set(symbol, last.close);
  }
  for (const pick of picks) prices.set(pick.symbol, pick.price);
  return prices;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
