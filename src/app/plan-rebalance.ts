import {
  isManagedPosition,
  isStockOrder,
  type Account,
  type Asset,
  type BarsBySymbol,
  type GateResult,
  type MarketClock,
  type MomentumPick,
  type OpenOrder,
  type OrderIntent,
  type Position,
  type Regime,
  type ScanResult,
  type Target,
  type WithinBand,
} from '../domain/index.js';
import type { Config } from '../config/schema.js';
import type { ExcludedSymbol } from '../market-data/quality/index.js';
import { scanMomentum52w } from '../scanner/momentum52w.js';
import { sizeTargets } from '../sizing/size-targets.js';
import { scaleHoldings } from '../sizing/scale-holdings.js';
import { sizingBudget, type SizingBudget, type UntouchedHolding } from '../sizing/sizing-budget.js';
import { diffPositions } from '../diff/position-differ.js';
import { applyDriftBand } from '../diff/drift-band.js';
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
  /**
   * "selection" (a rebalance day): the top picks, equal weight. "exposure" (a regime change between rebalance days):
   * the names held, scaled pro rata to the regime's allocation; with nothing held, the current picks as on a
   * selection. Default "selection".
   */
  readonly kind?: 'selection' | 'exposure';
}

/** What the account holds or has working that the tool leaves alone: anything but plain US stocks. */
export interface Unmanaged {
  readonly positions: readonly Position[];
  readonly openOrders: readonly OpenOrder[];
}

export interface RebalancePlan {
  readonly allocation: number;
  readonly unmanaged: Unmanaged;
  /** What sizing spread over the picks, and why it is less than equity × allocation when it is. */
  readonly budget: SizingBudget;
  readonly scan: ScanResult;
  /** What the plan stands for: sizing's targets, with a within-band symbol's target at the quantity held. */
  readonly targets: readonly Target[];
  /** The orders to send; ADJUSTs too small to be worth sending are in withinBand instead. */
  readonly orders: readonly OrderIntent[];
  readonly withinBand: readonly WithinBand[];
  readonly validation: { readonly passed: boolean; readonly gates: readonly GateResult[] };
  readonly deployment: { targetValue: number; plannedValue: number; pctOfTarget: number; pctOfEquity: number };
}

/** The pure core of a run: scan, size, diff, hold back the dust and validate. No I/O, no clock. */
export function planRebalance(snapshot: MarketSnapshot, request: PlanRequest): RebalancePlan {
  const { config } = request;
  const allocation = config.regimeAllocation[request.regime];
  const rejected = new Set(snapshot.rejectedData.map((e) => e.symbol));
  // Options, crypto and the like: counted in equity (the broker's figure) and by gate 4, never ordered.
  const positions = snapshot.positions.filter(isManagedPosition);
  const unmanaged: Unmanaged = {
    positions: snapshot.positions.filter((p) => !isManagedPosition(p)),
    openOrders: snapshot.openOrders.filter((o) => !isStockOrder(o)),
  };
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
  const ignored = new Set(config.ignoreSymbols);
  const untouchable = [...new Set([...config.ignoreSymbols, ...positions.map((p) => p.symbol).filter((s) => rejected.has(s))])];
  const prices = currentPrices(scan.picks, snapshot);
  const valueNow = (p: Position): number => Math.abs(p.qty) * (prices.get(p.symbol) ?? p.currentPrice);
  const untouched: UntouchedHolding[] = [
    ...positions
      .filter((p) => untouchable.includes(p.symbol))
      .map((p) => ({ symbol: p.symbol, value: valueNow(p), reason: ignored.has(p.symbol) ? ('ignored' as const) : ('bad data' as const) })),
    ...unmanaged.positions.map((p) => ({ symbol: p.symbol, value: Math.abs(p.marketValue), reason: 'not a stock' as const })),
  ];
  const sellable = positions.filter((p) => !untouchable.includes(p.symbol)).reduce((sum, p) => sum + Math.sign(p.qty) * valueNow(p), 0);
  const budget = sizingBudget({
    equity: snapshot.account.equity,
    allocation,
    cashBuffer: config.sizing.cashBuffer,
    untouched,
    // A cash account's buys draw on equity less what stays held; margin may give more. A buying power below that
    // (a margin debit, unsettled cash) does not shrink the plan: gate 2 reports it and blocks.
    spendable: Math.max(snapshot.account.equity - untouched.reduce((sum, h) => sum + h.value, 0), snapshot.account.buyingPower + sellable),
    buyingPowerReserve: config.execution.buyingPowerReserve,
    marketBuyCollar: config.sizing.marketBuyCollar,
  });
  const isFractionable = (symbol: string): boolean => snapshot.assets.get(symbol)?.fractionable ?? false;
  const scalable = positions.filter((p) => !untouchable.includes(p.symbol) && p.qty > 0);
  const sized =
    request.kind === 'exposure' && scalable.length > 0
      ? scaleHoldings({
          holdings: scalable.map((p) => ({ symbol: p.symbol, qty: p.qty, price: prices.get(p.symbol) ?? p.currentPrice })),
          budget: budget.budget,
          mode: config.sizing.mode,
          isFractionable,
          isBuyable: (symbol) => (prices.get(symbol) ?? 0) >= config.scanner.minPrice && snapshot.assets.get(symbol)?.tradable === true,
        })
      : sizeTargets({ picks: scan.picks, budget: budget.budget, mode: config.sizing.mode, isFractionable });
  const diffed = diffPositions({
    positions,
    targets: sized,
    universe: request.universe,
    ignoreSymbols: untouchable,
  });
  // Gates, executor and verification see only what is sent, and a within-band symbol's target as what it holds.
  const { orders, targets, withinBand } = applyDriftBand(diffed, sized, prices, config.sizing);
  const validation = validatePlan({
    orders,
    targets,
    positions,
    unmanagedPositions: unmanaged.positions,
    account: snapshot.account,
    prices,
    assets: snapshot.assets,
    openOrders: snapshot.openOrders.filter(isStockOrder),
    clock: snapshot.clock,
    regime: request.regime,
    allocation,
    sizingMode: config.sizing.mode,
    ignoreSymbols: untouchable,
    config: { ...config.gates, minPrice: config.scanner.minPrice, buyingPowerReserve: config.execution.buyingPowerReserve },
    force: request.force,
    dryRun: request.dryRun,
  });
  const targetValue = budget.budget;
  const plannedValue = targets.reduce((sum, t) => sum + t.value, 0);
  return {
    allocation,
    unmanaged,
    budget: {
      ...budget,
      allocated: round2(budget.allocated),
      untouchedValue: round2(budget.untouchedValue),
      untouched: budget.untouched.map((h) => ({ ...h, value: round2(h.value) })),
      buyRoom: round2(budget.buyRoom),
      budget: round2(budget.budget),
    },
    scan,
    targets,
    orders,
    withinBand: withinBand.map((w) => ({ ...w, value: round2(w.value) })),
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
