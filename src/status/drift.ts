/** How far the positions are from the targets a plan would set now, per symbol and in total. Pure. */

export interface DriftRow {
  readonly symbol: string;
  readonly currentQty: number;
  readonly targetQty: number;
  readonly price: number;
  /** currentQty − targetQty: positive is more than the target. */
  readonly diffQty: number;
  readonly diffValue: number;
  /** diffValue as a fraction of the target's value; null for a position the plan closes (target 0). */
  readonly pctOfTarget: number | null;
}

export interface Drift {
  readonly rows: readonly DriftRow[];
  /** Σ |diffValue| */
  readonly absValue: number;
  /** absValue / equity (0 with no equity). */
  readonly total: number;
  readonly equity: number;
}

export interface DriftInputs {
  readonly targets: readonly { readonly symbol: string; readonly qty: number; readonly price: number }[];
  /** The plan's orders: a symbol ordered but without a target is closed (or scaled) to toQty. */
  readonly orders: readonly { readonly symbol: string; readonly toQty: number }[];
  readonly positions: readonly { readonly symbol: string; readonly qty: number; readonly currentPrice: number }[];
  readonly equity: number;
}

/**
 * Every symbol the plan stands for (each target, and each symbol it orders), like the executor's check after a run;
 * positions the plan leaves alone (ignored, or bad data) are no drift.
 */
export function computeDrift(inputs: DriftInputs): Drift {
  const held = new Map(inputs.positions.map((p) => [p.symbol, p]));
  const wanted = new Map<string, { qty: number; price: number | undefined }>();
  for (const t of inputs.targets) wanted.set(t.symbol, { qty: t.qty, price: t.price });
  for (const o of inputs.orders) wanted.set(o.symbol, { qty: o.toQty, price: wanted.get(o.symbol)?.price });
  const rows: DriftRow[] = [];
  for (const [symbol, target] of wanted) {
    const position = held.get(symbol);
    const currentQty = position?.qty ?? 0;
    const price = target.price ?? position?.currentPrice ?? 0;
    const diffQty = currentQty - target.qty;
    const diffValue = diffQty * price;
    const targetValue = target.qty * price;
    rows.push({ symbol, currentQty, targetQty: target.qty, price, diffQty, diffValue, pctOfTarget: targetValue > 0 ? diffValue / targetValue : null });
  }
  rows.sort((a, b) => Math.abs(b.diffValue) - Math.abs(a.diffValue) || a.symbol.localeCompare(b.symbol));
  const absValue = rows.reduce((sum, r) => sum + Math.abs(r.diffValue), 0);
  return { rows, absValue, total: inputs.equity > 0 ? absValue / inputs.equity : 0, equity: inputs.equity };
}

/** Total drift a status accepts when the config names no band: 5 % of equity. */
export const DEFAULT_STATUS_DRIFT_BAND = 0.05;

/**
 * sizing.driftBand when the config has one (a number in [0, 1)), else the status default. Read defensively: the
 * key is newer than this command, so an older config (or schema) without it still works.
 */
export function driftBandOf(config: unknown): number {
  const sizing = typeof config === 'object' && config !== null ? (config as { sizing?: unknown }).sizing : undefined;
  const band = typeof sizing === 'object' && sizing !== null ? (sizing as { driftBand?: unknown }).driftBand : undefined;
  return typeof band === 'number' && Number.isFinite(band) && band >= 0 && band < 1 ? band : DEFAULT_STATUS_DRIFT_BAND;
}
