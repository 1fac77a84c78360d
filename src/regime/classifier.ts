import type { RegimeConfig } from './config.js';
import type { CrashTrigger, JmState, RegimeLabel } from './types.js';

/**
 * The deterministic four-regime classifier (spec c.2 with the triggers; no VIX3M term-structure rule):
 * a crash override with hysteresis on top of the jump model's bull/bear state and a 50/200-day trend.
 */

/** What the crash rules look at on one day; null = not known (a rule needing it does not fire). */
export interface CrashInputs {
  readonly vix: number | null;
  /** VIX on the previous trading day of the reference series, and three trading days back. */
  readonly vixPrev1: number | null;
  readonly vixPrev3: number | null;
  /** DD10·√252. */
  readonly ddAnnualized: number | null;
  /** close_t / close_{t−5} − 1. */
  readonly return5d: number | null;
  /** close_t / (252-day closing high, today included) − 1. */
  readonly drawdown52w: number | null;
}

export type CrashSettings = Pick<
  RegimeConfig,
  | 'vixCrash'
  | 'vixSpikeFloor'
  | 'vixSpike1d'
  | 'vixSpike3d'
  | 'ddCrash'
  | 'r5Crash'
  | 'drawdownCrash'
  | 'calmDays'
  | 'vixCalm'
  | 'ddCalm'
>;

export interface CrashState {
  readonly inCrash: boolean;
  /** Consecutive calm days counted while in a crash (0 outside one, except on the day it ends). */
  readonly calmDays: number;
}

export const NO_CRASH: CrashState = Object.freeze({ inCrash: false, calmDays: 0 });

/** The crash triggers that fire on one day, in rule order. */
export function crashTriggers(day: CrashInputs, s: CrashSettings): CrashTrigger[] {
  const fired: CrashTrigger[] = [];
  const { vix, vixPrev1, vixPrev3, ddAnnualized, return5d, drawdown52w } = day;
  if (vix !== null && vix >= s.vixCrash) fired.push('VIX_LEVEL');
  if (vix !== null && vix >= s.vixSpikeFloor) {
    if (vixPrev1 !== null && vix / vixPrev1 - 1 >= s.vixSpike1d) fired.push('VIX_SPIKE_1D');
    if (vixPrev3 !== null && vix / vixPrev3 - 1 >= s.vixSpike3d) fired.push('VIX_SPIKE_3D');
  }
  if (ddAnnualized !== null && ddAnnualized >= s.ddCrash) fired.push('DOWNSIDE_DEVIATION');
  if (return5d !== null && drawdown52w !== null && return5d <= s.r5Crash && drawdown52w <= s.drawdownCrash) {
    fired.push('FAST_DECLINE_IN_DRAWDOWN');
  }
  return fired;
}

/** Calm = VIX below vixCalm (or unknown) and annualized downside deviation below ddCalm. */
export function isCalmDay(day: CrashInputs, s: CrashSettings): boolean {
  const vixCalm = day.vix === null || day.vix < s.vixCalm;
  return vixCalm && day.ddAnnualized !== null && day.ddAnnualized < s.ddCalm;
}

/** Any trigger enters (or re-arms) a crash; leaving it takes `calmDays` consecutive calm days, so relief rallies do not whipsaw. */
export function nextCrashState(state: CrashState, triggered: boolean, day: CrashInputs, s: CrashSettings): CrashState {
  if (triggered) return { inCrash: true, calmDays: 0 };
  if (!state.inCrash) return NO_CRASH;
  const calmDays = isCalmDay(day, s) ? state.calmDays + 1 : 0;
  return { inCrash: calmDays < s.calmDays, calmDays };
}

/** Confirmed up-trend: close above the 200-day average and the 50-day above the 200-day; null until both exist. */
export function isTrendUp(close: number, sma50: number | null, sma200: number | null): boolean | null {
  if (sma50 === null || sma200 === null) return null;
  return close > sma200 && sma50 > sma200;
}

/**
 * CRASH overrides; otherwise the jump model's bear wins over any trend (its edge is de-risking early),
 * and a bull state is BULL only with a confirmed trend. UNKNOWN until the model and 200 closes exist.
 */
export function classifyDay(jm: JmState | null, trendUp: boolean | null, inCrash: boolean): RegimeLabel {
  if (jm === null || trendUp === null) return 'UNKNOWN';
  if (inCrash) return 'CRASH';
  if (jm === 'bear') return 'TREND_BEAR';
  return trendUp ? 'TREND_BULL' : 'TREND_NEUTRAL';
}
