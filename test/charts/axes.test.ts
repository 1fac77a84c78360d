import { describe, expect, it } from 'vitest';
import { logTicks, runsOf, yearStarts } from '../../src/charts/axes.js';

describe('logTicks', () => {
  it.each([
    [40, 700, [50, 100, 200, 500]],
    [0.15, 3, [0.2, 0.5, 1, 2]],
    // Fewer than 4 round 1-2-5 levels: a finer ladder, so an equity curve that merely doubled still gets labels.
    [60, 700, [70, 100, 150, 200, 300, 500, 700]],
    [55_000, 125_000, [60_000, 70_000, 80_000, 90_000, 100_000, 120_000]],
  ])('picks round levels inside %d..%d', (min, max, ticks) => {
    expect(logTicks(min, max)).toEqual(ticks);
  });
});

describe('yearStarts', () => {
  it('marks the first trading day of each year after the first', () => {
    expect([...yearStarts(['2019-12-30', '2019-12-31', '2020-01-02', '2020-01-03', '2021-01-04'])]).toEqual([2, 4]);
  });

  it('thins thirty years of labels to every fifth year', () => {
    const dates = Array.from({ length: 31 }, (_, i) => [`${1995 + i}-01-03`, `${1995 + i}-06-01`]).flat();
    expect([...yearStarts(dates)].map((i) => dates[i]?.slice(0, 4))).toEqual(['2000', '2005', '2010', '2015', '2020', '2025']);
  });
});

describe('runsOf', () => {
  it('groups consecutive equal values', () => {
    expect(runsOf(['a', 'a', null, null, 'a'])).toEqual([
      { value: 'a', start: 0, end: 1 },
      { value: null, start: 2, end: 3 },
      { value: 'a', start: 4, end: 4 },
    ]);
  });
});
