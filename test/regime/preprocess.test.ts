import { describe, expect, it } from 'vitest';
import { fitScaler, standardizeRow, standardizeRows } from '../../src/regime/preprocess.js';

const column = (values: readonly number[]) => Float64Array.from(values);
const allRows = (n: number) => Array.from({ length: n }, (_, i) => i);
const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
const populationStd = (xs: ArrayLike<number>) => Math.sqrt(mean(Array.from(xs, (x) => (x - mean(xs)) ** 2)));

describe('clip-then-standardize (spec b.4)', () => {
  // Twenty values near 0 and one far outlier: the outlier sits beyond mean + 3 population std.
  const values = [...Array.from({ length: 20 }, (_, i) => (i % 5) - 2), 100];
  const data = column(values);

  it('clips at the raw window mean ± 3 population std before standardizing', () => {
    const scaler = fitScaler(data, 1, allRows(values.length));
    const m = mean(values);
    const s = populationStd(values);
    expect(scaler.upper[0]).toBeCloseTo(m + 3 * s, 12);
    expect(scaler.lower[0]).toBeCloseTo(m - 3 * s, 12);
    expect(100).toBeGreaterThan(scaler.upper[0] as number);
  });

  it('gives the training window mean 0 and population std 1 after clipping', () => {
    const scaler = fitScaler(data, 1, allRows(values.length));
    const z = standardizeRows(scaler, data, allRows(values.length));
    expect(mean(z)).toBeCloseTo(0, 12);
    expect(populationStd(z)).toBeCloseTo(1, 12);
  });

  it('applies the frozen window bounds to a later row: a new extreme is clipped to the training bound', () => {
    const scaler = fitScaler(data, 1, allRows(values.length));
    const later = column([1e6]);
    const atBound = column([scaler.upper[0] as number]);
    const out = new Float64Array(2);
    standardizeRow(scaler, later, 0, out, 0);
    standardizeRow(scaler, atBound, 0, out, 1);
    expect(out[0]).toBe(out[1]);
  });

  it('fits only the rows it is given (the training window), not the whole matrix', () => {
    const scaler = fitScaler(column([1, 2, 3, 1000]), 1, [0, 1, 2]);
    expect(scaler.mean[0]).toBeCloseTo(2, 12);
  });

  it('maps a feature without spread to 0 instead of dividing by zero', () => {
    const flat = column([5, 5, 5]);
    const z = standardizeRows(fitScaler(flat, 1, [0, 1, 2]), flat, [0, 1, 2]);
    expect([...z]).toEqual([0, 0, 0]);
  });

  it('standardizes each feature of a row-major matrix with its own statistics', () => {
    const matrix = Float64Array.from([1, 100, 2, 200, 3, 300]);
    const z = standardizeRows(fitScaler(matrix, 2, [0, 1, 2]), matrix, [0, 1, 2]);
    expect([...z].map((v) => Number(v.toFixed(10)))).toEqual([-1.2247448714, -1.2247448714, 0, 0, 1.2247448714, 1.2247448714]);
  });
});
