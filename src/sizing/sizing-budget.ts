/** Why a holding stays as it is this run; its value is not the plan's to spend. */
export type UntouchedReason = 'ignored' | 'bad data' | 'not a stock';

export interface UntouchedHolding {
  readonly symbol: string;
  /** Gross value now (|qty| × price, or the broker's market value for what is not a stock). */
  readonly value: number;
  readonly reason: UntouchedReason;
}

export interface BudgetInput {
  readonly equity: number;
  /** Share of equity the regime allows in stocks, 0..1 (0 in CRASH). */
  readonly allocation: number;
  /** Share of the allocation kept as cash, 0..1. */
  readonly cashBuffer: number;
  /** Holdings the plan leaves alone: ignored symbols, bars that failed the data gate, non-stock positions. */
  readonly untouched: readonly UntouchedHolding[];
  /**
   * What the buys can draw on if the plan sold every managed position: equity less the untouched holdings (a cash
   * account), or buying power now + the managed holdings' value when that is more (margin).
   */
  readonly spendable: number;
  /** Share of buying power the executor keeps back when it sizes the buys (execution.buyingPowerReserve). */
  readonly buyingPowerReserve: number;
  /** How far above the price the broker values a market buy when it checks buying power (sizing.marketBuyCollar). */
  readonly marketBuyCollar: number;
}

export interface SizingBudget {
  /** equity × allocation × (1 − cashBuffer). */
  readonly allocated: number;
  readonly untouchedValue: number;
  readonly untouched: readonly UntouchedHolding[];
  /** The most the targets may be worth so that every buy fits the reserve and the collar. */
  readonly buyRoom: number;
  /** min(allocated − untouchedValue, buyRoom), never below zero: what sizing spreads over the picks. */
  readonly budget: number;
}

/**
 * The dollars sizing may spread over the picks. What the plan leaves held still counts against the allocation, so
 * the targets plus the untouched holdings stay within it. The buys must also pass two checks: the executor keeps
 * `buyingPowerReserve` of the buying power back, and the broker values a market buy at a collar above the price
 * (`marketBuyCollar`). With T the targets, H the managed holdings and S what the plan sells, buys are T − H + S and
 * may use a share f = min(1 − reserve, 1 / (1 + collar)) of buying power + S; since S ≤ H, T ≤ f × (buying power + H)
 * always fits. That caps only full allocations; lower ones are far below it.
 */
export function sizingBudget(input: BudgetInput): SizingBudget {
  const allocated = Math.max(input.equity * input.allocation * (1 - input.cashBuffer), 0);
  const untouchedValue = input.untouched.reduce((sum, h) => sum + h.value, 0);
  const usable = Math.min(1 - input.buyingPowerReserve, 1 / (1 + input.marketBuyCollar));
  const buyRoom = Math.max(input.spendable * usable, 0);
  return {
    allocated,
    untouchedValue,
    untouched: input.untouched,
    buyRoom,
    budget: Math.max(Math.min(allocated - untouchedValue, buyRoom), 0),
  };
}
