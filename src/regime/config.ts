/** Every threshold of the regime detector, with the defaults; the app maps its zod config onto this. */
export interface RegimeConfig {
  /** Jump penalty λ on the ½-scaled loss with z-scored features (used in the fit and online). */
  readonly lambda: number;
  /** Feature rows in a training window (the rows right before the refit date). */
  readonly trainingDays: number;
  /** Below this many feature rows a refit is skipped (the previous model, if any, stays in force). */
  readonly minTrainingDays: number;
  /** Feature rows dropped at the start of the series while the EWMs settle. */
  readonly warmupDays: number;
  /** k-means++ starts per fit, and the seed of the generator that draws them (fresh for every refit). */
  readonly nInit: number;
  readonly seed: number;
  /** Coordinate-descent limits per start. */
  readonly maxIter: number;
  readonly tol: number;
  /** C1: VIX close at or above this is a crash. */
  readonly vixCrash: number;
  /** C3: a VIX spike counts only at or above this level. */
  readonly vixSpikeFloor: number;
  /** C3: VIX rise over 1 / 3 trading days, as a fraction (0.2 = +20%). */
  readonly vixSpike1d: number;
  readonly vixSpike3d: number;
  /** C4: annualized downside deviation (DD10·√252) at or above this is a crash. */
  readonly ddCrash: number;
  /** C5: 5-day return at or below r5Crash while the drawdown from the 252-day high is at or below drawdownCrash. */
  readonly r5Crash: number;
  readonly drawdownCrash: number;
  /** Exit: this many consecutive calm days (VIX below vixCalm or unknown, annualized DD below ddCalm). */
  readonly calmDays: number;
  readonly vixCalm: number;
  readonly ddCalm: number;
}

export const DEFAULT_REGIME_CONFIG: RegimeConfig = Object.freeze({
  lambda: 50,
  trainingDays: 3000,
  minTrainingDays: 1000,
  warmupDays: 252,
  nInit: 10,
  seed: 0,
  maxIter: 1000,
  tol: 1e-8,
  vixCrash: 40,
  vixSpikeFloor: 25,
  vixSpike1d: 0.2,
  vixSpike3d: 0.5,
  ddCrash: 0.4,
  r5Crash: -0.07,
  drawdownCrash: -0.1,
  calmDays: 5,
  vixCalm: 30,
  ddCalm: 0.3,
});
