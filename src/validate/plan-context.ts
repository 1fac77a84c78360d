import type {
  Account,
  Asset,
  GateResult,
  GateStatus,
  MarketClock,
  OpenOrder,
  OrderIntent,
  Position,
  Regime,
  SizingMode,
  Target,
} from '../domain/index.js';

export interface GatesConfig {
  /** Largest target value allowed, as a share of equity (0.10 = 10%). */
  readonly maxPositionPct: number;
  /** Whether an oversized target fails the plan instead of warning. */
  readonly positionSizeFails: boolean;
  /** Largest value of all positions after the plan, as a share of equity. */
  readonly maxTotalAllocation: number;
  readonly minPrice: number;
  /** Share of buying power the executor keeps back when it re-sizes buys (0 when unknown). */
  readonly buyingPowerReserve?: number;
}

/** Everything the gates look at; built once by the app, read-only here. */
export interface PlanContext {
  readonly orders: readonly OrderIntent[];
  readonly targets: readonly Target[];
  /** Managed (US stock) positions. */
  readonly positions: readonly Position[];
  /** Options, crypto and other positions the plan never orders; valued at the broker's market value. */
  readonly unmanagedPositions: readonly Position[];
  readonly account: Account;
  /** Current price per symbol (targets and positions). */
  readonly prices: ReadonlyMap<string, number>;
  readonly assets: ReadonlyMap<string, Asset>;
  readonly openOrders: readonly OpenOrder[];
  readonly clock: MarketClock;
  readonly regime: Regime;
  readonly allocation: number;
  readonly sizingMode: SizingMode;
  readonly ignoreSymbols: readonly string[];
  readonly config: GatesConfig;
  readonly force: boolean;
  readonly dryRun: boolean;
}

export type Gate = (ctx: PlanContext) => GateResult;

export function gateResult(
  id: GateResult['id'],
  name: string,
  status: GateStatus,
  messages: readonly string[],
): GateResult {
  return { id, name, status, messages };
}
