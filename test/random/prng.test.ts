import { describe, expect, it } from 'vitest';
import { mulberry32, seedFor, standardNormal } from '../../src/random/prng.js';

/** Tommy Ettinger's mulberry32 as published (JavaScript gist form), to check the port draws the same stream. */
function publishedMulberry32(a: number): () => number {
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const draw = (random: () => number, n: number): number[] => Array.from({ length: n }, random);

describe('mulberry32', () => {
  it.each([0, 1, 42, 20_251_120, 0xffffffff])('draws the published stream for seed %i', (seed) => {
    expect(draw(mulberry32(seed), 1000)).toEqual(draw(publishedMulberry32(seed), 1000));
  });

  it('repeats a stream for the same seed and changes it for another', () => {
    expect(draw(mulberry32(7), 5)).toEqual(draw(mulberry32(7), 5));
    expect(draw(mulberry32(7), 5)).not.toEqual(draw(mulberry32(8), 5));
  });

  it('stays in [0, 1) with a mean near 0.5', () => {
    const values = draw(mulberry32(123), 100_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 2);
  });
});

describe('standardNormal', () => {
  it('has mean near 0 and variance near 1, bounded by ±2√3', () => {
    const random = mulberry32(99);
    const values = Array.from({ length: 100_000 }, () => standardNormal(random));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(2 * Math.sqrt(3));
  });
});

describe('seedFor', () => {
  it('gives each label its own uint32 seed and the same label the same seed', () => {
    const seeds = ['AAPL', 'MSFT', 'NVDA', 'SPY', 'market'].map((label) => seedFor(label, 1));
    expect(new Set(seeds).size).toBe(5);
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s <= 0xffffffff)).toBe(true);
    expect(seedFor('AAPL', 1)).toBe(seeds[0]);
    expect(seedFor('AAPL', 2)).not.toBe(seeds[0]);
  });
});
