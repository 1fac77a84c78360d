import { describe, expect, it } from 'vitest';
import type { Bar } from '../../src/domain/index.js';
import { scanMomentum52w, type ScannerConfig } from '../../src/scanner/momentum52w.js';
import { activeAssets, anAsset, assetsBySymbol, barsBySymbol, barsSeries, ramp } from '../builders.js';

const config: ScannerConfig = { lookbackDays: 10, minHistoryDays: 10, minMomentum: 0, highSource: 'close', minPrice: 5 };

function scan(bars: Readonly<Record<string, readonly Bar[]>>, options: { topN?: number; config?: Partial<ScannerConfig> } = {}) {
  const universe = Object.keys(bars);
  return scanMomentum52w({
    universe,
    bars: barsBySymbol(bars),
    assets: activeAssets(universe),
    topN: options.topN ?? 10,
    config: { ...config, ...options.config },
  });
}

describe('scanMomentum52w: momentum', () => {
  it('scores exactly 1 on a new closing high day', () => {
    const { picks } = scan({ AAA: barsSeries(ramp(50, 100, 12)) });
    expect(picks).toEqual([{ rank: 1, symbol: 'AAA', momentum: 1, price: 100, high52w: 100 }]);
  });

  it('divides the latest close by the highest close of the window', () => {
    const { picks } = scan({ AAA: barsSeries([60, 70, 80, 100, 90, 85, 80, 82, 81, 80]) });
    expect(picks[0]).toMatchObject({ symbol: 'AAA', momentum: 0.8, price: 80, high52w: 100 });
  });

  it('ignores a high older than the lookback window', () => {
    // The 200 peak is 11 bars back, one outside a 10-day window that includes today.
    const closes = [200, 60, 70, 80, 100, 90, 85, 80, 82, 81, 80];
    const { picks } = scan({ AAA: barsSeries(closes) }, { config: { lookbackDays: 10 } });
    expect(picks[0]).toMatchObject({ momentum: 0.8, high52w: 100 });
  });

  it('counts the bar exactly lookbackDays back as inside the window', () => {
    const closes = [50, 100, 90, 85, 80, 82, 81, 80, 80, 80, 80];
    const { picks } = scan({ AAA: barsSeries(closes) }, { config: { lookbackDays: 10 } });
    expect(picks[0]).toMatchObject({ momentum: 0.8, high52w: 100 });
  });

  it('scores below 1 on a new closing high when highSource is the daily high', () => {
    const bars = barsSeries(ramp(50, 100, 12), { high: (close) => close * 1.25 });
    const { picks } = scan({ AAA: bars }, { config: { highSource: 'high' } });
    expect(picks[0]).toMatchObject({ momentum: 0.8, price: 100, high52w: 125 });
  });

  it('reads bars in date order even when they arrive shuffled', () => {
    const bars = barsSeries([60, 70, 80, 100, 90, 85, 80, 82, 81, 80]);
    const { picks } = scan({ AAA: [...bars].reverse() });
    expect(picks[0]).toMatchObject({ momentum: 0.8, price: 80 });
  });

  it.each([
    ['reversed', (bars: Bar[]) => [...bars].reverse()],
    ['ascending but for the last two', (bars: Bar[]) => [...bars.slice(0, -2), bars.at(-1) as Bar, bars.at(-2) as Bar]],
    ['ascending but for the first two', (bars: Bar[]) => [bars[1] as Bar, bars[0] as Bar, ...bars.slice(2)]],
  ])('scores bars that arrive %s as it scores them sorted', (_order, reorder) => {
    const bars = barsSeries([60, 70, 80, 100, 90, 85, 80, 82, 81, 80, 79, 78]);
    expect(scan({ AAA: reorder(bars) })).toEqual(scan({ AAA: bars }));
  });

  it('leaves the bars it is given in their order', () => {
    const bars = barsSeries([60, 70, 80, 100, 90, 85, 80, 82, 81, 80]);
    const reversed = [...bars].reverse();
    scan({ AAA: reversed });
    expect(reversed).toEqual([...bars].reverse());
  });
});

describe('scanMomentum52w: exclusions', () => {
  const healthy = ramp(50, 100, 12);
  const withClose = (index: number, close: number) => barsSeries(healthy.map((c, i) => (i === index ? close : c)));

  it.each([
    { condition: 'it has no bars', bars: [], reason: /no daily bars/ },
    { condition: 'it has fewer bars than minHistoryDays', bars: barsSeries(ramp(50, 100, 7)), reason: /only 7 daily bars, at least 10 needed/ },
    { condition: 'the latest close is zero', bars: withClose(11, 0), reason: /no usable latest close \(0 on / },
    { condition: 'the latest close is NaN', bars: withClose(11, Number.NaN), reason: /no usable latest close \(NaN on / },
    { condition: 'a close inside the window is not finite', bars: withClose(5, Number.POSITIVE_INFINITY), reason: /invalid close Infinity on \d{4}-\d\d-\d\d inside the 10-day window/ },
    { condition: 'a close inside the window is negative', bars: withClose(6, -3), reason: /invalid close -3 on/ },
    { condition: 'the price is below minPrice', bars: barsSeries(ramp(2, 4.5, 12)), reason: /latest close 4\.50 is below the minimum price 5\.00/ },
    {
      condition: 'momentum is below minMomentum',
      bars: barsSeries([60, 70, 80, 100, 90, 85, 80, 82, 81, 70]),
      reason: /momentum 0\.7000 \(close 70\.00 \/ 10-day high 100\.00\) is below the minimum 0\.7500/,
    },
  ])('excludes a symbol when $condition', ({ bars, reason }) => {
    const result = scan({ AAA: bars }, { config: { minMomentum: 0.75 } });
    expect(result.picks).toEqual([]);
    expect(result.excluded).toHaveLength(1);
    expect(result.excluded[0]?.symbol).toBe('AAA');
    expect(result.excluded[0]?.reason).toMatch(reason);
  });

  it('keeps a bad close that lies before the window out of the verdict', () => {
    const closes = [Number.NaN, ...ramp(50, 100, 10)];
    expect(scan({ AAA: barsSeries(closes) }).picks.map((p) => p.symbol)).toEqual(['AAA']);
  });

  it.each([
    { condition: 'the broker does not know it', assets: assetsBySymbol(), reason: /unknown asset/ },
    { condition: 'the asset is inactive', assets: assetsBySymbol(anAsset({ symbol: 'AAA', status: 'inactive' })), reason: /asset is inactive/ },
    { condition: 'the asset is not tradable', assets: assetsBySymbol(anAsset({ symbol: 'AAA', tradable: false })), reason: /not tradable/ },
  ])('excludes a symbol with good bars when $condition', ({ assets, reason }) => {
    const result = scanMomentum52w({ universe: ['AAA'], bars: barsBySymbol({ AAA: barsSeries(healthy) }), assets, topN: 5, config });
    expect(result.picks).toEqual([]);
    expect(result.excluded).toEqual([{ symbol: 'AAA', reason: expect.stringMatching(reason) }]);
  });
});

describe('scanMomentum52w: ranking', () => {
  // Momentum = last close / 100 for each of these series (peak 100 inside the window).
  const endingAt = (last: number) => barsSeries([90, 100, 95, 92, 91, 90, 90, 90, 90, last]);

  it('ranks by momentum descending, breaks ties by symbol and keeps the top N', () => {
    const { picks } = scan({ LOW: endingAt(70), TIE_B: endingAt(90), TOP: endingAt(99), TIE_A: endingAt(90), MID: endingAt(80) }, { topN: 3 });
    expect(picks.map((p) => [p.rank, p.symbol, p.momentum])).toEqual([
      [1, 'TOP', 0.99],
      [2, 'TIE_A', 0.9],
      [3, 'TIE_B', 0.9],
    ]);
  });

  it('leaves symbols that qualified below the top N out of both picks and exclusions', () => {
    const result = scan({ A: endingAt(99), B: endingAt(90), C: endingAt(80), D: barsSeries([]) }, { topN: 1 });
    expect(result.picks.map((p) => p.symbol)).toEqual(['A']);
    expect(result.excluded.map((e) => e.symbol)).toEqual(['D']);
  });

  it('returns fewer picks than N when fewer symbols qualify', () => {
    const { picks } = scan({ A: endingAt(99), B: barsSeries(ramp(1, 2, 12)) }, { topN: 5 });
    expect(picks.map((p) => p.symbol)).toEqual(['A']);
  });

  it('accounts for every universe symbol exactly once, even when the universe repeats one', () => {
    const result = scanMomentum52w({
      universe: ['A', 'B', 'A', 'C', 'D'],
      bars: barsBySymbol({ A: endingAt(99), B: endingAt(50), C: endingAt(95) }),
      assets: activeAssets(['A', 'B', 'C', 'D']),
      topN: 5,
      config: { ...config, minMomentum: 0.6 },
    });
    const seen = [...result.picks.map((p) => p.symbol), ...result.excluded.map((e) => e.symbol)].sort();
    expect(seen).toEqual(['A', 'B', 'C', 'D']);
  });

  it('picks nothing when topN is 0, without excluding anyone', () => {
    const result = scan({ A: endingAt(99) }, { topN: 0 });
    expect(result).toEqual({ picks: [], excluded: [] });
  });
});
