import { describe, expect, it } from 'vitest';
import { cusumStep, refitIndices } from '../../src/regime/online.js';

// Spec a.11: θ0 = 0 (bull), θ1 = 1 (bear), loss ½(z − θ)²; forward-only labels, argmin per row.
const z = [0.0, 0.2, 1.1, 0.9, 1.2, -0.1, 1.0, 0.1, 0.0, 0.8, 0.9, 1.0];

function onlineLabels(lambda: number): number[] {
  let d = Number.NaN;
  return z.map((x) => {
    const deltaLoss = 0.5 * (x - 1) ** 2 - 0.5 * x ** 2; // L_bear − L_bull
    d = cusumStep(d, deltaLoss, lambda);
    return d < 0 ? 1 : 0;
  });
}

describe('the clipped CUSUM (online forward recursion, spec a.5)', () => {
  it.each([
    [0, '0 0 1 1 1 0 1 0 0 1 1 1'],
    [0.35, '0 0 1 1 1 0 1 0 0 0 1 1'],
    [1.0, '0 0 0 1 1 1 1 1 0 1 1 1'],
  ])('with λ = %f reproduces the reference online labels', (lambda, expected) => {
    expect(onlineLabels(lambda)).toEqual(expected.split(' ').map(Number));
  });

  it('starts from the first day’s loss gap alone', () => {
    expect(cusumStep(Number.NaN, -0.3, 50)).toBe(-0.3);
  });

  it('clips the carried evidence at ±λ, so a switch needs fresh evidence of about λ', () => {
    expect(cusumStep(500, -1, 50)).toBe(49);
    expect(cusumStep(-500, 2, 50)).toBe(-48);
    expect(cusumStep(10, -1, 50)).toBe(9);
  });
});

describe('the refit calendar', () => {
  it('refits on the first trading day on or after 1 January and 1 July', () => {
    const dates = ['2019-12-30', '2019-12-31', '2020-01-02', '2020-01-03', '2020-06-30', '2020-07-01', '2020-07-02', '2021-01-04'];
    expect(refitIndices(dates).map((i) => dates[i])).toEqual(['2019-12-30', '2020-01-02', '2020-07-01', '2021-01-04']);
  });

  it('refits on the next trading day when the half-year starts on a holiday or weekend', () => {
    const dates = ['2021-06-30', '2021-07-06', '2021-07-07'];
    expect(refitIndices(dates).map((i) => dates[i])).toEqual(['2021-06-30', '2021-07-06']);
  });
});
