import { describe, expect, it } from 'vitest';
import type { DailyClose } from '../../../src/regime/inputs/index.js';
import { mergeCloses, overlapGap } from '../../../src/regime/inputs/index.js';
import { aBar } from '../../builders.js';

const c = (date: string, close: number): DailyClose => ({ date, close });

describe('mergeCloses', () => {
  it('joins history and broker bars in date order, the broker winning on shared dates', () => {
    const history = [c('2024-01-02', 100), c('2024-01-03', 101), c('2024-01-04', 102)];
    const broker = [aBar({ date: '2024-01-04', close: 102.5 }), aBar({ date: '2024-01-05', close: 103 })];
    expect(mergeCloses(history, broker)).toEqual([
      c('2024-01-02', 100),
      c('2024-01-03', 101),
      c('2024-01-04', 102.5),
      c('2024-01-05', 103),
    ]);
  });

  it('keeps history dates the broker lacks, even inside the broker span', () => {
    const merged = mergeCloses([c('2024-01-03', 7)], [c('2024-01-02', 1), c('2024-01-04', 2)]);
    expect(merged.map((x) => x.date)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
  });

  it('returns the other side when one side is empty and leaves its inputs unchanged', () => {
    const history = [c('2024-01-02', 1)];
    expect(mergeCloses(history, [])).toEqual(history);
    expect(mergeCloses([], history)).toEqual(history);
    expect(history).toEqual([c('2024-01-02', 1)]);
  });
});

describe('overlapGap', () => {
  it('measures the largest relative difference on shared dates', () => {
    const history = [c('2024-01-02', 100), c('2024-01-03', 200)];
    const broker = [c('2024-01-03', 202), c('2024-01-04', 1)];
    expect(overlapGap(history, broker)).toEqual({ days: 1, maxRelativeGap: expect.closeTo(0.01, 12) as number });
  });

  it('is zero days when the sources do not overlap', () => {
    expect(overlapGap([c('2024-01-02', 1)], [c('2024-01-03', 1)])).toEqual({ days: 0, maxRelativeGap: 0 });
  });
});
