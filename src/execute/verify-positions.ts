import type { Position } from '../domain/index.js';

export interface PositionCheck {
  readonly symbol: string;
  readonly qty: number;
  readonly targetQty: number;
}

/** Target vs actual quantity for every symbol the plan touched (closed symbols have target 0). */
export function verifyPositions(
  targets: ReadonlyMap<string, number>,
  positions: readonly Position[],
): readonly PositionCheck[] {
  const held = new Map(positions.map((p) => [p.symbol, p.qty]));
  return [...targets.entries()]
    .map(([symbol, targetQty]) => ({ symbol, qty: held.get(symbol) ?? 0, targetQty }))
    .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}
