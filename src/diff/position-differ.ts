import { roundQty, type OrderAction, type OrderIntent, type Position, type Target } from '../domain/index.js';

export interface DiffInput {
  readonly positions: readonly Position[];
  readonly targets: readonly Target[];
  readonly universe: readonly string[];
  /** Symbols the strategy never touches, held or targeted. */
  readonly ignoreSymbols: readonly string[];
}

/**
 * Orders that move the account from its positions to the targets. The account is dedicated to the
 * strategy, so anything held but not targeted is closed. Sells (phase 1) come before buys (phase 2).
 */
export function diffPositions(input: DiffInput): readonly OrderIntent[] {
  const ignored = new Set(input.ignoreSymbols);
  const universe = new Set(input.universe);
  const held = sumBySymbol(input.positions.map((p) => [p.symbol, p.qty]));
  const wanted = sumBySymbol(input.targets.map((t) => [t.symbol, t.qty]));
  const symbols = new Set([...held.keys(), ...wanted.keys()]);

  const orders: OrderIntent[] = [];
  for (const symbol of symbols) {
    if (ignored.has(symbol)) continue;
    const fromQty = roundQty(held.get(symbol) ?? 0);
    const toQty = roundQty(wanted.get(symbol) ?? 0);
    const delta = roundQty(toQty - fromQty);
    if (delta === 0) continue;
    const action = actionFor(fromQty, toQty);
    const side = delta > 0 ? 'buy' : 'sell';
    orders.push({
      action,
      side,
      symbol,
      qty: Math.abs(delta),
      fromQty,
      toQty,
      phase: side === 'sell' ? 1 : 2,
      type: 'market',
      timeInForce: 'day',
      reason: reasonFor(action, { universe, wanted, symbol }),
    });
  }
  return orders.sort((a, b) => a.phase - b.phase || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

function actionFor(fromQty: number, toQty: number): OrderAction {
  if (fromQty === 0) return 'OPEN';
  if (toQty === 0) return 'CLOSE';
  return 'ADJUST';
}

function reasonFor(
  action: OrderAction,
  ctx: { universe: ReadonlySet<string>; wanted: ReadonlyMap<string, number>; symbol: string },
): string {
  if (action === 'OPEN') return 'new pick';
  if (action === 'ADJUST') return 'rebalance to target';
  if (!ctx.universe.has(ctx.symbol)) return 'outside the universe (the account is dedicated to the strategy)';
  if (!ctx.wanted.has(ctx.symbol)) return 'not in the top picks';
  return 'target is 0 shares';
}

function sumBySymbol(entries: readonly (readonly [string, number])[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [symbol, qty] of entries) sums.set(symbol, (sums.get(symbol) ?? 0) + qty);
  return sums;
}
