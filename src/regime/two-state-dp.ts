/**
 * The jump model's E-step specialised to K = 2, the case every refit runs (≈ 10 starts × a few iterations ×
 * 50+ refits per rebalance). With W_k the DP values less the running Σ L0, and D = W1 − W0, the forward pass is
 * the same clipped CUSUM as online inference:
 *   D_t = δ_t + clip(D_{t−1}, −λ, λ),   W0_t = W0_{t−1} + min(0, D_{t−1} + λ),
 * with δ_t = L1_t − L0_t = ½(‖θ1‖² − ‖θ0‖²) − z_t·(θ1 − θ0): one dot product and one value per row.
 * Backtracking on D alone reproduces the general DP's argmins (ties to state 0); the objective adds back
 * Σ L0 from the data's moments.
 */

/** Sums over the rows that the objective's Σ ½‖z_t − θ‖² needs, computed once per fit. */
export interface DataMoments {
  readonly count: number;
  readonly sumSquares: number;
  readonly sums: Float64Array;
}

export function dataMoments(z: Float64Array, count: number, dims: number): DataMoments {
  const sums = new Float64Array(dims);
  let sumSquares = 0;
  for (let t = 0; t < count; t++) {
    for (let p = 0; p < dims; p++) {
      const x = z[t * dims + p] as number;
      sums[p] = (sums[p] as number) + x;
      sumSquares += x * x;
    }
  }
  return { count, sumSquares, sums };
}

/** Σ_t ½‖z_t − θ‖² from the moments: ½Σ‖z‖² − θ·Σz + ½T‖θ‖². */
function totalLoss(moments: DataMoments, centroids: Float64Array, state: number, dims: number): number {
  let dot = 0;
  let norm = 0;
  for (let p = 0; p < dims; p++) {
    const c = centroids[state * dims + p] as number;
    dot += c * (moments.sums[p] as number);
    norm += c * c;
  }
  return 0.5 * moments.sumSquares - dot + 0.5 * moments.count * norm;
}

/** Scratch buffers for one fit's E-steps, allocated once rather than per iteration. */
export interface TwoStateWorkspace {
  readonly projection: Float64Array;
  /** D_t per row, kept for the backtrack. */
  readonly evidence: Float64Array;
}

export function twoStateWorkspace(count: number): TwoStateWorkspace {
  return { projection: new Float64Array(count), evidence: new Float64Array(count) };
}

/** out[t] = z_t · w. The 3-feature case is unrolled: it is the paper set, and the loop runs millions of times. */
function project(z: Float64Array, count: number, dims: number, w: Float64Array, out: Float64Array): void {
  if (dims === 3) {
    const w0 = w[0] as number;
    const w1 = w[1] as number;
    const w2 = w[2] as number;
    for (let t = 0, r = 0; t < count; t++, r += 3) {
      out[t] = (z[r] as number) * w0 + (z[r + 1] as number) * w1 + (z[r + 2] as number) * w2;
    }
    return;
  }
  for (let t = 0; t < count; t++) {
    let dot = 0;
    for (let p = 0; p < dims; p++) dot += (z[t * dims + p] as number) * (w[p] as number);
    out[t] = dot;
  }
}

/**
 * Optimal labels (written into `labels`) for two fixed centroids (row-major 2 × dims, NaN = empty state)
 * and the objective. Ties go to state 0.
 */
export function solveTwoStates(
  z: Float64Array,
  count: number,
  dims: number,
  centroids: Float64Array,
  lambda: number,
  moments: DataMoments,
  workspace: TwoStateWorkspace,
  labels: Int32Array,
): number {
  const dead0 = Number.isNaN(centroids[0] as number);
  const dead1 = Number.isNaN(centroids[dims] as number);
  if (dead0 || dead1) {
    // An empty state is unreachable: everything goes to the other one, with no jumps.
    const only = dead0 ? 1 : 0;
    labels.fill(only, 0, count);
    return totalLoss(moments, centroids, only, dims);
  }
  const w = new Float64Array(dims);
  let offset = 0;
  for (let p = 0; p < dims; p++) {
    const c0 = centroids[p] as number;
    const c1 = centroids[dims + p] as number;
    w[p] = c1 - c0;
    offset += 0.5 * (c1 * c1 - c0 * c0);
  }
  const { projection, evidence } = workspace;
  project(z, count, dims, w, projection);
  // Before row 0 both values are 0 (D = 0), so row 0 gets W0 = 0 and D = δ_0.
  let d = 0;
  let w0 = 0;
  for (let t = 0; t < count; t++) {
    if (d < -lambda) {
      w0 += d + lambda;
      d = offset - (projection[t] as number) - lambda;
    } else {
      d = offset - (projection[t] as number) + (d > lambda ? lambda : d);
    }
    evidence[t] = d;
  }
  let state = d < 0 ? 1 : 0;
  const objective = w0 + (d < 0 ? d : 0) + totalLoss(moments, centroids, 0, dims);
  labels[count - 1] = state;
  // argmin_j W[t−1][j] + λ·1[j ≠ s_t]: from bear, stay iff D < λ; from bull, come from bear iff D < −λ.
  for (let t = count - 1; t > 0; t--) {
    const previous = evidence[t - 1] as number;
    state = previous < (state === 1 ? lambda : -lambda) ? 1 : 0;
    labels[t - 1] = state;
  }
  return objective;
}
