import type { FeatureSeries } from './features.js';
import { standardizeRow } from './preprocess.js';
import type { RegimeModel } from './regime-model.js';

/**
 * Online (filtering) inference, no look-ahead (spec a.5): forward recursion only, never backtracked.
 * For K = 2 the forward DP reduces to a clipped CUSUM D_t = ΔL_t + clip(D_{t−1}, −λ, λ), with
 * ΔL = L_bear − L_bull, so D_t = V_bear − V_bull and the day is bear iff D_t < 0 (a tie stays bull).
 */

export const JM_NONE = -1;
export const JM_BULL = 0;
export const JM_BEAR = 1;

/** One step of the clipped CUSUM; `previous` is NaN before the first row. */
export function cusumStep(previous: number, deltaLoss: number, lambda: number): number {
  if (Number.isNaN(previous)) return deltaLoss;
  return deltaLoss + Math.min(Math.max(previous, -lambda), lambda);
}

/** Half-year key of an ISO date: refits happen on the first trading day of each half-year. */
function halfYear(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return year * 2 + (month >= 7 ? 1 : 0);
}

/** Close indices of the refit dates: the first date of the series on or after each 1 January and 1 July. */
export function refitIndices(dates: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < dates.length; i++) {
    if (i === 0 || halfYear(dates[i] as string) !== halfYear(dates[i - 1] as string)) out.push(i);
  }
  return out;
}

/**
 * Runs `model`'s recursion from its first training row up to (not including) `end`, writing D_t into
 * out[i] for i ≥ writeFrom. A row without usable features leaves D unchanged (nothing new was observed).
 */
export function forwardEvidence(
  model: RegimeModel,
  features: FeatureSeries,
  lambda: number,
  writeFrom: number,
  end: number,
  out: Float64Array,
): void {
  const dims = model.scaler.dims;
  const z = new Float64Array(dims);
  let d = Number.NaN;
  for (let i = model.trainStart; i < end; i++) {
    if (features.usable[i] === 1) {
      standardizeRow(model.scaler, features.matrix, i, z, 0);
      let toBull = 0;
      let toBear = 0;
      for (let p = 0; p < dims; p++) {
        const v = z[p] as number;
        const a = v - (model.bull[p] as number);
        const b = v - (model.bear[p] as number);
        toBull += a * a;
        toBear += b * b;
      }
      d = cusumStep(d, 0.5 * toBear - 0.5 * toBull, lambda);
    }
    if (i >= writeFrom) out[i] = d;
  }
}

export interface OnlineLabels {
  /** JM_BULL / JM_BEAR per close index, JM_NONE before the first model. */
  readonly jm: Int8Array;
  /** D_t per close index, NaN when no model is in force. */
  readonly evidence: Float64Array;
  /** Index into `models` of the model that labelled the day, −1 when none. */
  readonly modelOf: Int32Array;
}

/**
 * Labels every day with the model in force on it (the latest one whose refit date is on or before the day).
 * Each day is labelled once, when its model's pass reaches it, and a later refit never rewrites it:
 * the new model restarts from its own first training row but only days from its refit date take its labels.
 */
export function labelOnline(features: FeatureSeries, models: readonly RegimeModel[], lambda: number): OnlineLabels {
  const n = features.length;
  const jm = new Int8Array(n).fill(JM_NONE);
  const evidence = new Float64Array(n).fill(Number.NaN);
  const modelOf = new Int32Array(n).fill(-1);
  models.forEach((model, m) => {
    const end = models[m + 1]?.refitIndex ?? n;
    forwardEvidence(model, features, lambda, model.refitIndex, end, evidence);
    for (let i = model.refitIndex; i < end; i++) {
      const d = evidence[i] as number;
      if (Number.isNaN(d)) continue;
      jm[i] = d < 0 ? JM_BEAR : JM_BULL;
      modelOf[i] = m;
    }
  });
  return { jm, evidence, modelOf };
}
