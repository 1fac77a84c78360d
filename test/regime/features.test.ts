import { describe, expect, it } from 'vitest';
import { computeFeatures, dailyReturns, FEATURE_COUNT } from '../../src/regime/features.js';
import { noisyReturns } from './builders.js';

function pricesFrom(returns: readonly number[]): Float64Array {
  const prices = [100];
  for (const r of returns) prices.push((prices.at(-1) as number) * (1 + r));
  return Float64Array.from(prices);
}

describe('daily returns', () => {
  it('are close-to-close simple returns with nothing on the first day', () => {
    const r = dailyReturns([100, 110, 99]);
    expect(r[0]).toBeNaN();
    expect(r[1]).toBeCloseTo(0.1, 12);
    expect(r[2]).toBeCloseTo(-0.1, 12);
  });
});

describe('the paper feature set', () => {
  const prices = pricesFrom(noisyReturns(400, 0.0003, 0.01, 3));

  it('drops exactly the warm-up rows: the first usable row is the one after warm-up + 1 closes', () => {
    const features = computeFeatures(prices, 252);
    expect(features.usable.indexOf(1)).toBe(253);
    expect([...features.usable.slice(253)].every((u) => u === 1)).toBe(true);
    expect(features.matrix[252 * FEATURE_COUNT]).toBeNaN();
  });

  it('keeps the raw downside deviation for every day with a return, warm-up included', () => {
    const features = computeFeatures(prices, 252);
    expect(features.dd10[0]).toBeNaN();
    expect(features.dd10[5]).toBeGreaterThan(0);
    expect(features.matrix[300 * FEATURE_COUNT]).toBe(features.dd10[300]);
  });

  it('marks rows unusable while no down day has been seen (the Sortino ratio is undefined)', () => {
    const rising = pricesFrom([...Array<number>(30).fill(0.01), -0.02, 0.01, 0.01]);
    const features = computeFeatures(rising, 0);
    expect([...features.usable.slice(0, 31)].every((u) => u === 0)).toBe(true);
    expect(features.usable[31]).toBe(1);
  });
});
