import type { Random } from '../random/prng.js';

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
  const cumulative = new Float64Array(count);
  const candidates = new Int32Array(trials);

  const first = Math.min(count - 1, Math.floor(random() * count));
  copyRow(points, first, centres, 0, dims);
  closest.fill(Infinity);
  let potential = moveCloser(points, count, dims, first, closest, false);

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
      const candidatePotential = moveCloser(points, count, dims, candidates[trial] as number, closest, true);
      // Strict < keeps the first of equal candidates, like numpy's argmin.
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        best = candidates[trial] as number;
      }
    }
    copyRow(points, best, centres, c, dims);
    potential = bestPotential;
    if (c + 1 < k) moveCloser(points, count, dims, best, closest, false);
  }
  return centres;
}

/**
 * Σ_i min(closest_i, ‖points_i − points_row‖²): the potential if `row` became a centre. With dryRun false,
 * `closest` is updated to those minima. The 3-feature case is unrolled: it runs ~40 000 times per rebalance.
 */
function moveCloser(points: Float64Array, count: number, dims: number, row: number, closest: Float64Array, dryRun: boolean): number {
  let total = 0;
  if (dims === 3) {
    const c0 = points[row * 3] as number;
    const c1 = points[row * 3 + 1] as number;
    const c2 = points[row * 3 + 2] as number;
    for (let i = 0, r = 0; i < count; i++, r += 3) {
      const d0 = (points[r] as number) - c0;
      const d1 = (points[r + 1] as number) - c1;
      const d2 = (points[r + 2] as number) - c2;
      const d = d0 * d0 + d1 * d1 + d2 * d2;
      const current = closest[i] as number;
      const nearest = d < current ? d : current;
      total += nearest;
      if (!dryRun) closest[i] = nearest;
    }
    return total;
  }
  for (let i = 0; i < count; i++) {
    let d = 0;
    for (let p = 0; p < dims; p++) {
      const diff = (points[i * dims + p] as number) - (points[row * dims + p] as number);
      d += diff * diff;
    }
    const current = closest[i] as number;
    const nearest = d < current ? d : current;
    total += nearest;
    if (!dryRun) closest[i] = nearest;
  }
  return total;
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

function copyRow(from: Float64Array, row: number, to: Float64Array, toRow: number, dims: number): void {
  for (let p = 0; p < dims; p++) to[toRow * dims + p] = from[row * dims + p] as number;
}
