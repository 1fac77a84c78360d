/**
 * Between rebalance days, with `exposure.policy: "regime"`: whether the book's invested share is far enough from the
 * regime's allocation to act on. Pure.
 */
export type RunKind = 'selection' | 'exposure' | 'none';

export interface ExposureInput {
  /** The regime's share of equity to invest, 0..1. */
  readonly allocation: number;
  /** What the managed stocks are worth over equity now, 0..1. */
  readonly invested: number;
  readonly band: number;
  /** Sessions since the tool's last filled order (0: today); undefined when none is recent. */
  readonly sessionsSinceLastTrade: number | undefined;
  readonly minDaysBetween: number;
}

export interface ExposureDecision {
  readonly kind: 'exposure' | 'none';
  readonly reason: string;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function decideExposure(input: ExposureInput): ExposureDecision {
  const { allocation, invested, band } = input;
  const gap = Math.abs(allocation - invested);
  const where = `the regime wants ${pct(allocation)} invested, the book is ${pct(invested)}`;
  if (gap <= band + 1e-12) return { kind: 'none', reason: `no change: ${where}, within the ${pct(band)} band` };
  // Going to all cash is the protection the regime exists for: it never waits.
  const since = input.sessionsSinceLastTrade;
  if (allocation > 0 && since !== undefined && since < input.minDaysBetween) {
    return { kind: 'none', reason: `no change yet: ${where}, but the last trade was ${since} session(s) ago (exposure.minDaysBetween ${input.minDaysBetween})` };
  }
  return { kind: 'exposure', reason: `exposure change: ${where}, beyond the ${pct(band)} band` };
}
