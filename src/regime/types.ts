/** One daily close of the reference index/ETF (dividend-adjusted); series are ascending with unique dates. */
export interface DailyClose {
  readonly date: string;
  readonly close: number;
}

export type JmState = 'bull' | 'bear';

/** The domain's four regimes plus UNKNOWN while the detector is still warming up. */
export type RegimeLabel = 'TREND_BULL' | 'TREND_NEUTRAL' | 'TREND_BEAR' | 'CRASH' | 'UNKNOWN';

export type CrashTrigger = 'VIX_LEVEL' | 'VIX_SPIKE_1D' | 'VIX_SPIKE_3D' | 'DOWNSIDE_DEVIATION' | 'FAST_DECLINE_IN_DRAWDOWN';

export interface RegimeFeatures {
  readonly dd10: number;
  readonly sortino20: number;
  readonly sortino60: number;
}

/** The regime of one day and the evidence behind it, all known at that day's close. */
export interface RegimeDay {
  readonly date: string;
  readonly regime: RegimeLabel;
  readonly jm: JmState | null;
  /** D_t of the clipped CUSUM: > 0 favours bull, < 0 bear. */
  readonly evidence: number | null;
  /** Raw (unscaled) jump-model features; null during the warm-up. */
  readonly features: RegimeFeatures | null;
  /** DD10·√252, from the second close on (warm-up included: the crash rules use it from the start). */
  readonly ddAnnualized: number | null;
  readonly sma50: number | null;
  readonly sma200: number | null;
  readonly trendUp: boolean | null;
  readonly vix: number | null;
  /** Crash rules that fired on this day (any one enters or re-arms a crash). */
  readonly triggers: readonly CrashTrigger[];
  /** The crash state machine runs from the first close, so it can be true while the regime is still UNKNOWN. */
  readonly inCrash: boolean;
  /** Consecutive calm days counted inside a crash: config.calmDays on the day the crash ends, 0 outside a crash. */
  readonly calmDays: number;
  /** The refit date of the model that labelled this day. */
  readonly refitDate: string | null;
  readonly lambda: number;
}
