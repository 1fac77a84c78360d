/**
 * Share quantities carry at most 9 decimals, the finest Alpaca accepts. Every rounding, comparison and printing of a
 * quantity goes through here, so the planner, the executor, the exchange and the audit trail agree to the last digit.
 */
export const QTY_DECIMALS = 9;

/** Rounds to 9 decimals (decimal rounding: 0.1 + 0.2 becomes 0.3 again); normalises -0 to 0. */
export function roundQty(qty: number): number {
  const rounded = Number(qty.toFixed(QTY_DECIMALS));
  return rounded === 0 ? 0 : rounded;
}

const QTY_SCALE = 10 ** QTY_DECIMALS;

/** Floors to 9 decimals; the nudge keeps 0.57 (569999999.99999994 billionths) from flooring to 0.569999999. */
export function floorQty(qty: number): number {
  const floored = Math.floor(qty * QTY_SCALE + 1e-6) / QTY_SCALE;
  return floored === 0 ? 0 : floored;
}

/** Two quantities are the same when they are equal at 9 decimals. */
export function sameQty(a: number, b: number): boolean {
  return roundQty(a) === roundQty(b);
}

/**
 * A quantity as a decimal string: 9 decimals at most, trailing zeros dropped, never an exponent ("1e-7") and never
 * "-0". Throws on a non-finite number or one too large to print exactly, which only a bug produces.
 */
export function qtyText(qty: number): string {
  if (!Number.isFinite(qty) || Math.abs(qty) >= 1e21) throw new RangeError(`invalid quantity ${qty}`);
  const text = qty.toFixed(QTY_DECIMALS).replace(/0+$/, '').replace(/\.$/, '');
  return /^-0$/.test(text) ? '0' : text;
}
