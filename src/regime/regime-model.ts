import { mulberry32 } from '../random/prng.js';
import { err, ok, type Result } from '../domain/result.js';
import type { RegimeConfig } from './config.js';
import { FEATURE_COUNT, type FeatureSeries } from './features.js';
import { fitJumpModel } from './jump-model.js';
import { fitScaler, standardizeRows, type Scaler } from './preprocess.js';

/** One refit's frozen model: the preprocessing and the two centroids (z units), already labelled bull/bear. */
export interface RegimeModel {
  /** Close index of the refit date: the model labels days from here on. */
  readonly refitIndex: number;
  /** Close index of the first training row; the online recursion restarts here. */
  readonly trainStart: number;
  readonly trainingRows: number;
  readonly scaler: Scaler;
  readonly bull: Float64Array;
  readonly bear: Float64Array;
  readonly objective: number;
}

export type TrainingSettings = Pick<
  RegimeConfig,
  'lambda' | 'trainingDays' | 'minTrainingDays' | 'nInit' | 'seed' | 'maxIter' | 'tol'
>;

const STATES = 2;

/** Ascending close indices of the rows the jump model may use. */
export function usableRowIndices(features: FeatureSeries): Int32Array {
  let count = 0;
  for (let i = 0; i < features.length; i++) count += features.usable[i] as number;
  const rows = new Int32Array(count);
  let next = 0;
  for (let i = 0; i < features.length; i++) if (features.usable[i] === 1) rows[next++] = i;
  return rows;
}

/**
 * Fits the model in force from `refitIndex`: the last `trainingDays` usable rows strictly before it
 * (all of them when fewer), clipped and z-scored on that window, K = 2, bull = higher cumulative return.
 * Fails (as a value) when the window is too short or the fit leaves a state empty.
 */
export function trainRegimeModel(
  features: FeatureSeries,
  usableRows: Int32Array,
  refitIndex: number,
  settings: TrainingSettings,
): Result<RegimeModel, string> {
  const end = countBefore(usableRows, refitIndex);
  const rows = usableRows.subarray(Math.max(0, end - settings.trainingDays), end);
  if (rows.length < settings.minTrainingDays || rows.length < STATES) {
    return err(`${rows.length} training rows, fewer than ${settings.minTrainingDays}`);
  }
  const scaler = fitScaler(features.matrix, FEATURE_COUNT, rows);
  const z = standardizeRows(scaler, features.matrix, rows);
  // A fresh generator per refit keeps each fit independent of how many refits came before it.
  const fit = fitJumpModel(z, rows.length, FEATURE_COUNT, { ...settings, k: STATES, random: mulberry32(settings.seed) });

  const cumulative = new Float64Array(STATES);
  const days = new Int32Array(STATES);
  for (let r = 0; r < rows.length; r++) {
    const s = fit.labels[r] as number;
    cumulative[s] = (cumulative[s] as number) + (features.returns[rows[r] as number] as number);
    days[s] = (days[s] as number) + 1;
  }
  if (days[0] === 0 || days[1] === 0) return err('the fit left one state empty');
  // Cumulative return μ_k·n_k = Σ returns; on a tie state 0 stays bull (stable sort).
  const bullState = (cumulative[1] as number) > (cumulative[0] as number) ? 1 : 0;
  const centroid = (s: number) => fit.centroids.slice(s * FEATURE_COUNT, (s + 1) * FEATURE_COUNT);
  return ok({
    refitIndex,
    trainStart: rows[0] as number,
    trainingRows: rows.length,
    scaler,
    bull: centroid(bullState),
    bear: centroid(1 - bullState),
    objective: fit.objective,
  });
}

/** Number of entries of an ascending array below `limit`. */
function countBefore(sorted: Int32Array, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
