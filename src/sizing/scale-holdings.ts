import { floorQty, type SizingMode, type Target } from '../domain/index.js';

export interface Holding {
  readonly symbol: string;
  readonly qty: number;
  readonly price: number;
}

/**
 * Targets that keep who is held and their proportions, scaled so the whole is worth `budget` (an exposure change
 * between rebalance days). Whole shares round down, except in fractional mode for fractionable names; a budget of 0
 * closes everything. Pure.
 */
export function scaleHoldings(input: {
  readonly holdings: readonly Holding[];
  readonly budget: number;
  readonly mode: SizingMode;
  readonly isFractionable: (symbol: string) => boolean;
  /** Names that may not be bought (the gates would refuse a buy): scaling up keeps them as they are. */
  readonly isBuyable: (symbol: string) => boolean;
}): readonly Target[] {
  const valueOf = (hs: readonly Holding[]): number => hs.reduce((sum, h) => sum + h.qty * h.price, 0);
  const growing = Math.max(input.budget, 0) > valueOf(input.holdings);
  const kept = growing ? input.holdings.filter((h) => !input.isBuyable(h.symbol)) : [];
  const scaled = input.holdings.filter((h) => !kept.includes(h));
  const value = valueOf(scaled);
  const factor = value > 0 ? Math.max(input.budget - valueOf(kept), 0) / value : 0;
  return input.holdings.map((h) => {
    if (kept.includes(h)) return { symbol: h.symbol, qty: h.qty, price: h.price, value: h.qty * h.price };
    const exact = h.qty * factor;
    const qty = input.mode === 'fractional' && input.isFractionable(h.symbol) ? floorQty(exact) : Math.floor(exact + 1e-9);
    return { symbol: h.symbol, qty, price: h.price, value: qty * h.price };
  });
}
