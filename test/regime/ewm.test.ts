import { describe, expect, it } from 'vitest';
import { ewmAlpha, ewmMean } from '../../src/regime/ewm.js';
import { downsideDeviation, sortinoRatio } from '../../src/regime/features.js';

// Spec a.11: pandas ewm(halflife=10, adjust=True) on these returns.
const x = Float64Array.from([0.01, -0.02, 0.015, -0.005, 0.0, -0.03, 0.012]);

const expectClose = (actual: ArrayLike<number>, expected: readonly number[], digits: number) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, digits));
};

describe('EWM with adjust=true (spec a.11 vectors)', () => {
  it.each([
    [10, 0.066967],
    [20, 0.034064],
    [60, 0.011486],
  ])('turns half-life %i into alpha %f', (halfLife, alpha) => {
    expect(ewmAlpha(halfLife)).toBeCloseTo(alpha, 6);
  });

  it('matches the reference EWM mean, which starts at the first value instead of being dragged towards it', () => {
    expectClose(ewmMean(x, 10), [0.01, -0.00551965, 0.00179943, -0.00008103, -0.0000625, -0.00595478, -0.00282707], 8);
  });

  it('matches the reference downside deviation, counting up days as zero', () => {
    expectClose(downsideDeviation(x, 10, 0), [0, 0.01438502, 0.01153777, 0.01015964, 0.00892292, 0.01552693, 0.01410987], 8);
  });

  it('matches the reference Sortino ratio from day 2 and leaves day 1 undefined (no downside yet)', () => {
    const sortino = sortinoRatio(x, 10, 0);
    expect(sortino[0]).toBeNaN();
    expectClose(sortino.slice(1), [-0.383708, 0.15596, -0.007976, -0.007005, -0.383513, -0.200361], 5);
  });

  it('leaves entries before the start index undefined and starts the average there', () => {
    const out = ewmMean([Number.NaN, 2, 4], 10, 1);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(2);
    expect(out[2]).toBeGreaterThan(3);
    expect(out[2]).toBeLessThan(4);
  });
});
