import { describe, expect, it } from 'vitest';
import type { CachedSeries } from '../../../src/market-data/cache/cache-file.js';
import {
  applyTopUp,
  barsInWindow,
  groupByFetchStart,
  planRefresh,
  seriesToPersist,
  type RefreshPlan,
} from '../../../src/market-data/cache/refresh-plan.js';
import { barsSeries } from '../../builders.js';

/** Cached Mon 2024-03-04 .. Fri 2024-03-08, with bars through Thu 03-07 (say, halted on Friday). */
const CACHED: CachedSeries = { from: '2024-03-04', to: '2024-03-08', bars: barsSeries([10, 11, 12, 13], { start: '2024-03-04' }) };

describe('planRefresh', () => {
  it.each<[string, CachedSeries | undefined, string, string, RefreshPlan]>([
    ['no cache', undefined, '2024-03-04', '2024-03-08', { kind: 'full' }],
    ['a window inside the cache', CACHED, '2024-03-05', '2024-03-08', { kind: 'cached' }],
    ['a later end: from the newest bar, not the covered end', CACHED, '2024-03-04', '2024-03-15', { kind: 'top-up', fetchFrom: '2024-03-07' }],
    ['a window starting before the cache', CACHED, '2024-03-01', '2024-03-08', { kind: 'full' }],
    ['a window starting after the cache', CACHED, '2024-03-11', '2024-03-15', { kind: 'full' }],
    ['a cache without bars (never trusted: the symbol may have bars now)', { ...CACHED, bars: [] }, '2024-03-04', '2024-03-08', { kind: 'full' }],
    ['a cache without bars and a later end', { ...CACHED, bars: [] }, '2024-03-04', '2024-03-15', { kind: 'full' }],
  ])('with %s', (_name, cached, start, end, plan) => {
    expect(planRefresh(cached, { start, end })).toEqual(plan);
  });

  it('groups symbols by their first day to fetch, a full fetch starting at the window start', () => {
    const plans = new Map<string, RefreshPlan>([
      ['A', { kind: 'top-up', fetchFrom: '2024-03-07' }],
      ['B', { kind: 'full' }],
      ['C', { kind: 'cached' }],
      ['D', { kind: 'top-up', fetchFrom: '2024-03-07' }],
      ['E', { kind: 'top-up', fetchFrom: '2024-03-01' }],
    ]);
    expect(groupByFetchStart(plans, { start: '2024-03-01', end: '2024-03-15' })).toEqual(
      new Map([
        ['2024-03-07', ['A', 'D']],
        ['2024-03-01', ['B', 'E']],
      ]),
    );
  });
});

describe('applyTopUp', () => {
  const fresh = barsSeries([13, 14, 15], { start: '2024-03-07' });

  it('keeps the cached bars before the overlap and the fresh ones from it', () => {
    expect(applyTopUp(CACHED, '2024-03-07', fresh, 1e-6)).toEqual({
      ok: true,
      value: [...CACHED.bars.slice(0, 3), ...fresh],
    });
  });

  it('refuses when the overlap close moved by more than the tolerance', () => {
    const halved = fresh.map((b) => ({ ...b, close: b.close / 2 }));
    expect(applyTopUp(CACHED, '2024-03-07', halved, 1e-6)).toEqual({
      ok: false,
      error: 'the close of 2024-03-07 changed from 13 to 6.5 (split or re-adjustment)',
    });
    const nudged = fresh.map((b) => ({ ...b, close: b.close * (1 + 2e-6) }));
    expect(applyTopUp(CACHED, '2024-03-07', nudged, 1e-6).ok).toBe(false);
  });

  it('refuses when the overlap day is no longer served', () => {
    expect(applyTopUp(CACHED, '2024-03-07', fresh.slice(1), 1e-6)).toEqual({
      ok: false,
      error: 'the cached bar of 2024-03-07 is no longer served',
    });
  });
});

describe('seriesToPersist', () => {
  const bars = barsSeries([1, 2, 3, 4, 5], { start: '2024-03-04' });

  it('covers the whole window when every day is complete', () => {
    expect(seriesToPersist('2024-03-04', bars, '2024-03-08', undefined)).toEqual({ from: '2024-03-04', to: '2024-03-08', bars });
    expect(seriesToPersist('2024-03-04', bars, '2024-03-08', '2024-03-11')?.to).toBe('2024-03-08');
  });

  it('stops the day before the incomplete day, leaving its bar out', () => {
    expect(seriesToPersist('2024-03-04', bars, '2024-03-08', '2024-03-08')).toEqual({
      from: '2024-03-04',
      to: '2024-03-07',
      bars: bars.slice(0, 4),
    });
  });

  it('persists nothing when no complete day is left', () => {
    expect(seriesToPersist('2024-03-04', bars, '2024-03-08', '2024-03-04')).toBeUndefined();
  });

  it('persists nothing for a symbol without bars, so that it is asked for again next run', () => {
    expect(seriesToPersist('2024-03-04', [], '2024-03-08', undefined)).toBeUndefined();
  });

  it.each([
    ['out of order', [bars[1]!, bars[0]!, bars[2]!]],
    ['dated on no calendar day', [bars[0]!, { ...bars[1]!, date: '2024-04-31' }]],
    ['dated in another format', [bars[0]!, { ...bars[1]!, date: '2024-3-5' }]],
  ])('persists nothing of bars %s (the quality gate reports them; they are fetched again)', (_name, odd) => {
    expect(seriesToPersist('2024-03-04', odd, '2024-03-08', undefined)).toBeUndefined();
  });
});

describe('barsInWindow', () => {
  const week = barsSeries([10, 11, 12, 13, 14], { start: '2024-03-04' });

  it('returns the very same array when every bar is inside the window', () => {
    expect(barsInWindow(week, { start: '2024-03-01', end: '2024-03-08' })).toBe(week);
  });

  it('cuts the bars to the window, both ends inclusive', () => {
    expect(barsInWindow(week, { start: '2024-03-05', end: '2024-03-07' }).map((b) => b.date)).toEqual(['2024-03-05', '2024-03-06', '2024-03-07']);
    expect(barsInWindow(week, { start: '2024-03-09', end: '2024-03-10' })).toEqual([]);
  });

  it('keeps exactly the bars inside the window when they are out of order', () => {
    const shuffled = [week[3]!, week[0]!, week[4]!, week[1]!];
    expect(barsInWindow(shuffled, { start: '2024-03-05', end: '2024-03-07' }).map((b) => b.date)).toEqual(['2024-03-07', '2024-03-05']);
  });
});
