import type { Random } from '../random/prng.js';
import { kmeansPlusPlus } from './kmeans-plus-plus.js';
import { dataMoments, solveTwoStates, twoStateWorkspace } from './two-state-dp.js';

/**
 * Discrete statistical jump model (Nystrup et al. 2020/2021, the authors' `jumpmodels` package; spec a.2–a.3):
 * minimise Σ ½‖z_t − θ_{s_t}‖² + λ·#jumps by coordinate descent: exact DP for the states, means for the centroids.
 * Matrices are row-major Float64Arrays (rows × dims, rows × K) so the DP and the fit allocate nothing per row.
 */

export interface StateSequence {
  readonly labels: Int32Array;
  readonly objective: number;
}

export interface JumpFitOptions {
  readonly k: number;
  readonly lambda: number;
  readonly nInit: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly random: Random;
}

export interface JumpFit {
  /** K × dims; a state no day was assigned to keeps NaN (unreachable), as the package does not re-seed it. */
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  readonly objective: number;
}

/** Loss matrix L[t][k] = ½‖z_t − θ_k‖²; +∞ for an undefined (NaN) centroid so the DP never picks it. */
export function squaredLoss(
  z: Float64Array,
  count: number,
  dims: number,
  centroids: Float64Array,
  k: number,
  out: Float64Array = new Float64Array(count * k),
): Float64Array {
  for (let t = 0; t < count; t++) {
    for (let s = 0; s < k; s++) {
      let sum = 0;
      for (let p = 0; p < dims; p++) {
        const d = (z[t * dims + p] as number) - (centroids[s * dims + p] as number);
        sum += d * d;
      }
      out[t * k + s] = Number.isNaN(sum) ? Infinity : 0.5 * sum;
    }
  }
  return out;
}

/**
 * Exact minimiser of Σ L[t][s_t] + λ·Σ 1[s_t ≠ s_{t−1}] for a fixed loss matrix: forward values, then backtrack.
 * Ties go to the lowest state index (numpy argmin), which reference outputs depend on.
 * `values` and `labels` may be passed in to reuse buffers across iterations.
 */
export function solveStates(
  loss: Float64Array,
  count: number,
  k: number,
  lambda: number,
  values: Float64Array = new Float64Array(count * k),
  labels: Int32Array = new Int32Array(count),
): StateSequence {
  for (let s = 0; s < k; s++) values[s] = loss[s] as number;
  for (let t = 1; t < count; t++) {
    const prev = (t - 1) * k;
    let best = Infinity;
    for (let s = 0; s < k; s++) best = Math.min(best, values[prev + s] as number);
    // min_j V[t−1][j] + λ·1[j≠s] = min(V[t−1][s], min_j V[t−1][j] + λ): O(K) instead of O(K²).
    const jump = best + lambda;
    for (let s = 0; s < k; s++) values[t * k + s] = (loss[t * k + s] as number) + Math.min(values[prev + s] as number, jump);
  }
  let state = argminRow(values, count - 1, k, -1, 0);
  const objective = values[(count - 1) * k + state] as number;
  labels[count - 1] = state;
  for (let t = count - 1; t > 0; t--) {
    state = argminRow(values, t - 1, k, state, lambda);
    labels[t - 1] = state;
  }
  return { labels, objective };
}

/** argmin_j V[row][j] + λ·1[j ≠ stay] (stay = −1: no penalty); first index wins ties. */
function argminRow(values: Float64Array, row: number, k: number, stay: number, lambda: number): number {
  let bestState = 0;
  let bestValue = Infinity;
  for (let s = 0; s < k; s++) {
    const v = (values[row * k + s] as number) + (stay >= 0 && s !== stay ? lambda : 0);
    if (v < bestValue) {
      bestValue = v;
      bestState = s;
    }
  }
  return bestState;
}

/** Centroid of each state = mean of its rows; NaN for a state with no rows. */
export function stateMeans(z: Float64Array, count: number, dims: number, labels: Int32Array, k: number, out: Float64Array): Float64Array {
  if (k === 2 && dims === 3) return twoStateMeans3(z, count, labels, out);
  const counts = new Float64Array(k);
  out.fill(0);
  for (let t = 0; t < count; t++) {
    const s = labels[t] as number;
    counts[s] = (counts[s] as number) + 1;
    for (let p = 0; p < dims; p++) out[s * dims + p] = (out[s * dims + p] as number) + (z[t * dims + p] as number);
  }
  for (let s = 0; s < k; s++) {
    const n = counts[s] as number;
    for (let p = 0; p < dims; p++) out[s * dims + p] = n === 0 ? Number.NaN : (out[s * dims + p] as number) / n;
  }
  return out;
}

/**
 * stateMeans for the detector's own case (K = 2, the paper's 3 features), summing in locals: it runs once per
 * iteration of every start of every refit, and array read-modify-writes would chain each row on the last.
 */
function twoStateMeans3(z: Float64Array, count: number, labels: Int32Array, out: Float64Array): Float64Array {
  let n0 = 0;
  let n1 = 0;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let t = 0, r = 0; t < count; t++, r += 3) {
    if (labels[t] === 0) {
      n0++;
      a0 += z[r] as number;
      a1 += z[r + 1] as number;
      a2 += z[r + 2] as number;
    } else {
      n1++;
      b0 += z[r] as number;
      b1 += z[r + 1] as number;
      b2 += z[r + 2] as number;
    }
  }
  out[0] = n0 === 0 ? Number.NaN : a0 / n0;
  out[1] = n0 === 0 ? Number.NaN : a1 / n0;
  out[2] = n0 === 0 ? Number.NaN : a2 / n0;
  out[3] = n1 === 0 ? Number.NaN : b0 / n1;
  out[4] = n1 === 0 ? Number.NaN : b1 / n1;
  out[5] = n1 === 0 ? Number.NaN : b2 / n1;
  return out;
}

/** True when two label sequences describe the same partition (equal up to a renaming of the states). */
export function sameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  if (k === 2) {
    // Two states: the same partition iff b is a everywhere, or a with the states swapped everywhere.
    const swapped = a[0] !== b[0];
    for (let t = 0; t < a.length; t++) if (a[t] !== b[t] !== swapped) return false;
    return true;
  }
  const forward = new Int32Array(k).fill(-1);
  const backward = new Int32Array(k).fill(-1);
  for (let t = 0; t < a.length; t++) {
    const x = a[t] as number;
    const y = b[t] as number;
    if (forward[x] === -1 && backward[y] === -1) {
      forward[x] = y;
      backward[y] = x;
    } else if (forward[x] !== y || backward[y] !== x) return false;
  }
  return true;
}

/**
 * Fits the jump model from `nInit` k-means++ starts and keeps the lowest objective. Each start alternates
 * E (DP) and M (means) until the labels repeat up to permutation, the objective gains ≤ tol, or maxIter.
 */
export function fitJumpModel(z: Float64Array, count: number, dims: number, options: JumpFitOptions): JumpFit {
  const { k, lambda, nInit, maxIter, tol, random } = options;
  const eStep = makeEStep(z, count, dims, k, lambda);
  const centroids = new Float64Array(k * dims);
  let labels = new Int32Array(count);
  let previous = new Int32Array(count);
  let best = new Int32Array(count);
  let bestObjective = Infinity;

  for (let init = 0; init < nInit; init++) {
    centroids.set(kmeansPlusPlus(z, count, dims, k, random));
    let objective = eStep(centroids, labels);
    let previousObjective = Infinity;
    let hasPrevious = false;
    for (let iter = 0; iter < maxIter; iter++) {
      if (hasPrevious && sameClustering(labels, previous, k)) break;
      if (!(previousObjective - objective > tol)) break;
      [previous, labels] = [labels, previous];
      hasPrevious = true;
      previousObjective = objective;
      stateMeans(z, count, dims, previous, k, centroids);
      objective = eStep(centroids, labels);
    }
    if (objective < bestObjective) {
      bestObjective = objective;
      [best, labels] = [labels, best];
    }
  }
  // The model's centroids are the means of the winning labels (the package recomputes them the same way).
  return { centroids: stateMeans(z, count, dims, best, k, new Float64Array(k * dims)), labels: best, objective: bestObjective };
}

/**
 * The E-step of one fit (labels written in place, objective returned), with its buffers allocated once:
 * K = 2 takes the fused two-state DP, any other K the general one.
 */
function makeEStep(z: Float64Array, count: number, dims: number, k: number, lambda: number) {
  if (k === 2) {
    const moments = dataMoments(z, count, dims);
    const workspace = twoStateWorkspace(count);
    return (centroids: Float64Array, labels: Int32Array): number =>
      solveTwoStates(z, count, dims, centroids, lambda, moments, workspace, labels);
  }
  const loss = new Float64Array(count * k);
  const values = new Float64Array(count * k);
  return (centroids: Float64Array, labels: Int32Array): number =>
    solveStates(squaredLoss(z, count, dims, centroids, k, loss), count, k, lambda, values, labels).objective;
}
