import { describe, expect, it } from 'vitest';
import { planBatches, weekdaysBetween, type BatchPolicy } from '../../../src/market-data/alpaca/batch-plan.js';

const POLICY: BatchPolicy = { pageLimit: 10_000, maxBatches: 8, maxSymbolsPerRequest: 200 };
const tickers = (count: number): string[] => Array.from({ length: count }, (_, i) => `S${String(i).padStart(4, '0')}`);

describe('weekdaysBetween', () => {
  it.each([
    ['2024-03-15', '2024-03-15', 1], // a Friday
    ['2024-03-16', '2024-03-17', 0], // a weekend
    ['2024-03-15', '2024-03-18', 2], // Friday to Monday
    ['2024-03-04', '2024-03-15', 10], // two full weeks
    ['2023-01-01', '2023-12-31', 260],
    ['2024-03-15', '2024-03-14', 0], // end before start
  ])('counts the weekdays from %s to %s as %i', (start, end, expected) => {
    expect(weekdaysBetween(start, end)).toBe(expected);
  });
});

describe('planBatches', () => {
  it('splits 505 symbols over a year into 8 near-equal batches, in order and without loss', () => {
    const symbols = tickers(505);
    const batches = planBatches(symbols, '2017-01-24', '2018-02-07', POLICY);
    expect(batches).toHaveLength(8);
    expect(batches.flat()).toEqual(symbols);
    expect(Math.max(...batches.map((b) => b.length)) - Math.min(...batches.map((b) => b.length))).toBeLessThanOrEqual(8);
  });

  it('gives every batch one page when fewer pages than the batch limit are expected', () => {
    // 100 symbols x 262 weekdays = 26,200 bars at most: 3 pages of 38 symbols (9,956 bars) or fewer.
    const batches = planBatches(tickers(100), '2017-01-24', '2018-02-07', POLICY);
    expect(batches.map((b) => b.length)).toEqual([34, 34, 32]);
    expect(batches.every((b) => b.length * weekdaysBetween('2017-01-24', '2018-02-07') <= POLICY.pageLimit)).toBe(true);
  });

  it('keeps a few symbols over a few days in one request', () => {
    expect(planBatches(['AAPL', 'MSFT', 'XOM'], '2024-03-11', '2024-03-15', POLICY)).toEqual([['AAPL', 'MSFT', 'XOM']]);
  });

  it('splits a two-day top-up of 505 symbols only to keep each URL within 200 symbols', () => {
    const batches = planBatches(tickers(505), '2018-02-06', '2018-02-07', POLICY);
    expect(batches.map((b) => b.length)).toEqual([169, 169, 167]);
  });

  it('lets the URL limit win over the batch limit for a huge universe', () => {
    const batches = planBatches(tickers(3000), '2018-02-06', '2018-02-07', POLICY);
    expect(batches).toHaveLength(15);
    expect(batches.every((b) => b.length <= 200)).toBe(true);
  });

  it('gives each symbol its own batch when one symbol fills more than a page', () => {
    const batches = planBatches(['A', 'B', 'C'], '1980-01-01', '2024-12-31', POLICY);
    expect(batches).toEqual([['A'], ['B'], ['C']]);
  });

  it('plans nothing for no symbols', () => {
    expect(planBatches([], '2024-01-01', '2024-12-31', POLICY)).toEqual([]);
  });
});
