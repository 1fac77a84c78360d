import type { OrderSide } from './account.js';

export interface MomentumPick {
  readonly rank: number;
  readonly symbol: string;
  /** latest close / highest close (or high) of the lookback window, in (0, 1]. */
  readonly momentum: number;
  readonly price: number;
  readonly high52w: number;
}

export interface Exclusion {
  readonly symbol: string;
  readonly reason: string;
}

export interface ScanResult {
  readonly picks: readonly MomentumPick[];
  readonly excluded: readonly Exclusion[];
}

export type SizingMode = 'floor' | 'fill' | 'fractional';

export interface Target {
  readonly symbol: string;
  readonly qty: number;
  readonly price: number;
  readonly value: number;
}

export type OrderAction = 'OPEN' | 'CLOSE' | 'ADJUST';

/** A planned order. Sells are phase 1, buys phase 2. */
export interface OrderIntent {
  readonly action: OrderAction;
  readonly side: OrderSide;
  readonly symbol: string;
  readonly qty: number;
  readonly fromQty: number;
  readonly toQty: number;
  readonly phase: 1 | 2;
  readonly type: 'market';
  readonly timeInForce: 'day';
  readonly reason: string;
}

/** Which rule held an ADJUST back: its value under sizing.minOrderValue, or under sizing.driftBand × the target's value. */
export type WithinBandRule = 'minOrderValue' | 'driftBand';

/** An ADJUST the plan does not send because the change is too small to be worth an order. */
export interface WithinBand {
  readonly symbol: string;
  readonly fromQty: number;
  readonly toQty: number;
  /** Dollars of the change not made: |toQty − fromQty| × price (the plan rounds it to cents). */
  readonly value: number;
  readonly rule: WithinBandRule;
}

export type GateStatus = 'pass' | 'warn' | 'fail';

export interface GateResult {
  readonly id: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  readonly name: string;
  readonly status: GateStatus;
  readonly messages: readonly string[];
}
