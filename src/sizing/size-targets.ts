import type { MomentumPick, SizingMode, Target } from '../domain/index.js';
import { SCALE, fromScaled, toMicros } from './exact-money.js';

export interface SizingInput {
  readonly picks: readonly MomentumPick[];
  /** Dollars to spread over the picks: the plan's sizing budget (see sizing-budget.ts). */
  readonly budget: number;
  readonly mode: SizingMode;
  readonly isFractionable: (symbol: string) => boolean;
}

interface Slot {
  readonly pick: MomentumPick;
  /** Price in micro-dollars, rounded up; undefined when the price cannot be traded. */
  readonly priceMicros: bigint | undefined;
  /** Planned quantity in micro-shares (a multiple of SCALE for whole shares). */
  microShares: bigint;
}

/** Equal-weight targets: each pick gets budget / N, N being the number of picks given. One target per pick, in pick order. */
export function sizeTargets(input: SizingInput): readonly Target[] {
  const { picks } = input;
  if (picks.length === 0) return [];
  const totalMicros = toMicros(Math.max(input.budget, 0), 'down');
  const slots: Slot[] = picks.map((pick) => ({
    pick,
    priceMicros: Number.isFinite(pick.price) && pick.price > 0 ? toMicros(pick.price, 'up') : undefined,
    microShares: 0n,
  }));
  if (totalMicros > 0n) {
    const n = BigInt(picks.length);
    for (const slot of slots) slot.microShares = initialMicroShares(slot, totalMicros, n, input);
    if (input.mode === 'fill') fillWithWholeShares(slots, totalMicros * SCALE);
  }
  return slots.map(toTarget);
}

function initialMicroShares(slot: Slot, totalMicros: bigint, n: bigint, input: SizingInput): bigint {
  if (slot.priceMicros === undefined || slot.priceMicros <= 0n) return 0n;
  // per-pick budget / price, in micro-shares: (total / n) × SCALE / price, floored once.
  const microShares = (totalMicros * SCALE) / (n * slot.priceMicros);
  const fractional = input.mode === 'fractional' && input.isFractionable(slot.pick.symbol);
  return fractional ? microShares : (microShares / SCALE) * SCALE;
}

/**
 * Spends what flooring left, one whole share at a time, on the pick furthest below its own
 * per-pick target. All per-pick targets are equal, so that is the pick with the lowest planned
 * value (tie: lower symbol). Stops when no share fits the overall budget.
 */
function fillWithWholeShares(slots: Slot[], budget: bigint): void {
  const buyable = slots.filter((slot) => slot.priceMicros !== undefined && slot.priceMicros > 0n);
  let spent = slots.reduce((sum, slot) => sum + valueOf(slot), 0n);
  for (;;) {
    let best: Slot | undefined;
    for (const slot of buyable) {
      if (spent + sharePrice(slot) > budget) continue;
      if (best === undefined || isFurtherBelowTarget(slot, best)) best = slot;
    }
    if (best === undefined) return;
    best.microShares += SCALE;
    spent += sharePrice(best);
  }
}

function isFurtherBelowTarget(candidate: Slot, current: Slot): boolean {
  const a = valueOf(candidate);
  const b = valueOf(current);
  return a < b || (a === b && candidate.pick.symbol < current.pick.symbol);
}

/** Value in 1e-12 dollars (micro-shares × micro-dollars). */
function valueOf(slot: Slot): bigint {
  return slot.microShares * (slot.priceMicros ?? 0n);
}

function sharePrice(slot: Slot): bigint {
  return SCALE * (slot.priceMicros ?? 0n);
}

function toTarget(slot: Slot): Target {
  return {
    symbol: slot.pick.symbol,
    qty: fromScaled(slot.microShares, 6),
    price: slot.pick.price,
    value: fromScaled(valueOf(slot), 12),
  };
}
