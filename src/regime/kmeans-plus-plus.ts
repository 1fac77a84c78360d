import type { Random } from '../exchange/demo/prng.js';

/**
 * k-means++ seeding as scikit-learn's `kmeans_plusplus` does it (the authors' package calls it): first centre
 * uniform at random, each further centre the best of 2 + ⌊ln K⌋ candidates drawn ∝ D(x)², "best" being the
 * one that minimises the total squared distance to the nearest centre.
 * `points` is row-major (count × dims); returns K × dims centres. Needs count ≥ 1.
 */
export function kmeansPlusPlus(points: Float64Array, count: number, dims: number, k: number, random: Random): Float64Array {
  const centres = new Float64Array(k * dims);
  const trials = 2 + Math.floor(Math.log(k));
  const closest = new Float64Array(count);
  const distances = new Float64Array(count);
  const cumulative = new Float64Array(count);
  const candidates = new Int32Array(trials);

  const first = Math.min(count - 1, Math.floor(random() * count));
  copyRow(points, first, centres, 0, dims);
  squaredDistancesTo(points, count, dims, first, closest);
  let potential = sum(closest);

  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < count; i++) {
      running += closest[i] as number;
      cumulative[i] = running;
    }
    // All candidates are drawn before any is scored, as scikit-learn draws them.
    for (let trial = 0; trial < trials; trial++) candidates[trial] = searchSortedLeft(cumulative, random() * potential);
    let best = -1;
    let bestPotential = Infinity;
    for (let trial = 0; trial < trials; trial++) {
      squaredDistancesTo(points, count, dims, candidates[trial] as number, distances);
      let candidatePotential = 0;
      for (let i = 0; i < count; i++) {
        const d = distances[i] as number;
        const current = closest[i] as number;
        candidatePotential += d < current ? d : current;
      }
      // Strict < keeps the first of equal candidates, like numpy's argmin.
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        best = candidates[trial] as number;
      }
    }
    copyRow(points, best, centres, c, dims);
    potential = bestPotential;
    if (c + 1 < k) {
      squaredDistancesTo(points, count, dims, best, distances);
      for (let i = 0; i < count; i++) closest[i] = Math.min(closest[i] as number, distances[i] as number);
    }
  }
  return centres;
}

/** out[i] = ‖points_i − points_row‖². The 3-feature case is unrolled: it runs tens of thousands of times per rebalance. */
function squaredDistancesTo(points: Float64Array, count: number, dims: number, row: number, out: Float64Array): void {
  if (dims === 3) {
    const c0 = points[row * 3] as number;
    const c1 = points[row * 3 + 1] as number;
    const c2 = points[row * 3 + 2] as number;
    for (let i = 0, r = 0; i < count; i++, r += 3) {
      const d0 = (points[r] as number) - c0;
      const d1 = (points[r + 1] as number) - c1;
      const d2 = (points[r + 2] as number) - c2;
      out[i] = d0 * d0 + d1 * d1 + d2 * d2;
    }
    return;
  }
  for (let i = 0; i < count; i++) {
    let total = 0;
    for (let p = 0; p < dims; p++) {
      const d = (points[i * dims + p] as number) - (points[row * dims + p] as number);
      total += d * d;
    }
    out[i] = total;
  }
}

/** First index whose cumulative value is ≥ target (numpy searchsorted, side='left'), clipped to the last index. */
function searchSortedLeft(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, cumulative.length - 1);
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

function copyRow(from: Float64Array, row: number, to: Float64Array, toRow: number, dims: number): void {
  for (let p = 0; p < dims; p++) to[toRow * dims + p] = from[row * dims + p] as number;
}
