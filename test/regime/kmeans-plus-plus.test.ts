import { describe, expect, it } from 'vitest';
import { mulberry32, standardNormal } from '../../src/random/prng.js';
import { kmeansPlusPlus } from '../../src/regime/kmeans-plus-plus.js';

/** Two tight clouds far apart: 300 points around (0, 0), 300 around (50, 50). */
function twoClouds(): Float64Array {
  const random = mulberry32(9);
  return Float64Array.from({ length: 600 * 2 }, (_, i) => (i < 600 ? 0 : 50) + 0.1 * standardNormal(random));
}

const rowsOf = (points: Float64Array, dims: number) =>
  Array.from({ length: points.length / dims }, (_, r) => Array.from(points.subarray(r * dims, (r + 1) * dims)));

describe('k-means++ seeding', () => {
  it('picks centres among the data points', () => {
    const points = twoClouds();
    const centres = kmeansPlusPlus(points, 600, 2, 2, mulberry32(1));
    const rows = rowsOf(points, 2);
    for (const centre of rowsOf(centres, 2)) expect(rows).toContainEqual(centre);
  });

  it('puts the second centre in the other cloud (D² sampling), whatever the seed', () => {
    const points = twoClouds();
    for (const seed of [1, 2, 3, 4, 5]) {
      const [a, b] = rowsOf(kmeansPlusPlus(points, 600, 2, 2, mulberry32(seed)), 2) as [number[], number[]];
      expect(Math.abs((a[0] as number) - (b[0] as number))).toBeGreaterThan(40);
    }
  });

  it('draws the same centres from the same seed and different ones from another', () => {
    const points = twoClouds();
    const run = (seed: number) => [...kmeansPlusPlus(points, 600, 2, 3, mulberry32(seed))];
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});
