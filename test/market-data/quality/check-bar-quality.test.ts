import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/domain/index.js';
import { checkBarQuality, DEFAULT_QUALITY_LIMITS, type BarQualityOptions } from '../../../src/market-data/quality/index.js';
import { barsBySymbol, weekdays } from '../../builders.js';

/** 50 sessions, Mon 2024-01-01 .. Fri 2024-03-08 (weekdays stand in for NYSE sessions here). */
const SESSIONS = weekdays('2024-01-01', 50);
const day = (i: number): string => SESSIONS[i] ?? '';

/** A calm series: closes drift up 0.1 % a day, high 1 % above and low 1 % below, open at the close. */
function calmSeries(): Bar[] {
  return SESSIONS.map((date, i) => {
    const close = 100 * 1.001 ** i;
    return { date, open: close, high: close * 1.01, low: close * 0.99, close, volume: 1_000_000 };
  });
}

/** The calm series with the bar of session `i` changed. */
function withBar(i: number, change: (bar: Bar) => Partial<Bar>): Bar[] {
  return calmSeries().map((bar, j) => (j === i ? { ...bar, ...change(bar) } : bar));
}

/** Closes of sessions 0..i-1 at 100 and from i on at `after`: a single jump at session i. */
function jumpAt(i: number, after: number): Bar[] {
  return calmSeries().map((bar, j) => {
    const close = j < i ? 100 : after;
    return { ...bar, open: close, high: close, low: close, close };
  });
}

const OPTIONS: BarQualityOptions = {
  tradingDays: SESSIONS,
  previousTradingDay: day(49),
  lookbackDays: 50,
  ...DEFAULT_QUALITY_LIMITS,
};

function gate(bad: readonly Bar[], options: BarQualityOptions = OPTIONS) {
  return checkBarQuality(barsBySymbol({ GOOD: calmSeries(), BAD: bad }), options);
}

describe('checkBarQuality', () => {
  it('passes a clean series through unchanged and excludes nothing', () => {
    const bars = barsBySymbol({ GOOD: calmSeries(), ALSO: calmSeries() });
    const report = checkBarQuality(bars, OPTIONS);
    expect(report.excluded).toEqual([]);
    expect([...report.clean.keys()]).toEqual(['GOOD', 'ALSO']);
    expect(report.clean.get('GOOD')).toEqual(calmSeries());
  });

  it.each<[string, readonly Bar[], string]>([
    ['a NaN close', withBar(10, () => ({ close: Number.NaN })), `non-positive or non-finite price on ${day(10)} (close NaN)`],
    ['a zero low', withBar(11, () => ({ low: 0 })), `non-positive or non-finite price on ${day(11)} (low 0)`],
    ['a negative open on two days', withBar(12, () => ({ open: -1 })).map((b, j) => (j === 13 ? { ...b, open: -2 } : b)),
      `non-positive or non-finite price on 2 days, first ${day(12)} (open -1)`],
    ['an infinite high', withBar(3, () => ({ high: Number.POSITIVE_INFINITY })),
      `non-positive or non-finite price on ${day(3)} (high Infinity)`],
    ['a high below the low', withBar(20, () => ({ open: 50, high: 49, low: 51, close: 50 })),
      `inconsistent OHLC on ${day(20)}: high 49 below low 51`],
    ['a close above the high', withBar(21, () => ({ open: 50, high: 51, low: 49, close: 60 })),
      `inconsistent OHLC on ${day(21)}: close 60 outside low–high 49–51`],
    ['a close below the low', withBar(22, () => ({ open: 50, high: 51, low: 49, close: 48.5 })),
      `inconsistent OHLC on ${day(22)}: close 48.5 outside low–high 49–51`],
    ['an open outside the range', withBar(23, () => ({ open: 18.77, high: 51, low: 49, close: 50 })),
      `inconsistent OHLC on ${day(23)}: open 18.77 outside low–high 49–51`],
    ['a newest bar older than the previous trading day', calmSeries().slice(0, 48),
      `stale: the latest bar is from ${day(47)}, before the previous trading day ${day(49)}`],
    ['2 of 50 sessions without a bar (4 %)', calmSeries().filter((_, j) => j !== 5 && j !== 30),
      `missing 2 of 50 trading days from ${day(0)} to ${day(49)} (4.0%, more than 2.0%): ${day(5)}, ${day(30)}`],
    ['a 50 % one-day fall', jumpAt(25, 50),
      `close fell 50.0% from 100 on ${day(24)} to 50 on ${day(25)} (limit -45.0%): an unadjusted split or a bad print`],
    ['a 100 % one-day rise', jumpAt(25, 200),
      `close rose 100.0% from 100 on ${day(24)} to 200 on ${day(25)} (limit +80.0%): an unadjusted split or a bad print`],
    ['two bars of the same day', calmSeries().map((b, j) => (j === 8 ? { ...b, date: day(7) } : b)),
      `bars out of order: ${day(7)} follows ${day(7)}`],
    ['no bars at all', [], 'no bars'],
  ])('excludes a symbol with %s, saying why', (_name, bad, reason) => {
    const report = gate(bad);
    expect(report.excluded).toEqual([{ symbol: 'BAD', reason: expect.stringContaining(reason), kind: 'bad-data' }]);
    expect([...report.clean.keys()]).toEqual(['GOOD']);
  });

  it.each<[string, readonly Bar[]]>([
    ['a fall of exactly 45 %', jumpAt(25, 55)],
    ['a rise of exactly 80 %', jumpAt(25, 180)],
    ['1 of 50 sessions without a bar (2 %)', calmSeries().filter((_, j) => j !== 30)],
    ['a close above the high by 1e-7 (float rounding)', withBar(21, (b) => ({ close: b.high * (1 + 1e-7) }))],
    ['a high below the low by 1e-7', withBar(21, (b) => ({ open: b.low, close: b.low, high: b.low * (1 - 1e-7) }))],
    ["today's bar after the previous trading day", [...calmSeries(), { ...calmSeries()[49]!, date: '2024-03-11' }]],
  ])('keeps a symbol with %s', (_name, bars) => {
    expect(gate(bars).excluded).toEqual([]);
  });

  it('excludes a close above the high by 1e-5, beyond the tolerance', () => {
    const report = gate(withBar(21, (b) => ({ close: b.high * (1 + 1e-5) })));
    expect(report.excluded.map((e) => e.symbol)).toEqual(['BAD']);
  });

  it('counts missing days only over the last lookbackDays sessions', () => {
    // Sessions 0..9 lack bars, but a 40-session look-back starts at session 10.
    const late = calmSeries().slice(10);
    expect(gate(late, { ...OPTIONS, lookbackDays: 40 }).excluded).toEqual([]);
    expect(gate(late, { ...OPTIONS, lookbackDays: 50 }).excluded[0]?.reason).toContain(`the first bar is on ${day(10)}, 40 of the 50 trading days`);
  });

  it('says "too little history", not missing data, for bars that start after the look-back does (a recent listing)', () => {
    const listed = calmSeries().slice(23);
    expect(gate(listed).excluded).toEqual([
      { symbol: 'BAD', reason: `too little history: the first bar is on ${day(23)}, 27 of the 50 trading days from ${day(0)} to ${day(49)}`, kind: 'too-little-history' },
    ]);
  });

  it('says both, as bad data, when a late history also has holes', () => {
    const listed = calmSeries().slice(23).filter((_, j) => j !== 5 && j !== 10);
    const [excluded] = gate(listed).excluded;
    expect(excluded?.kind).toBe('bad-data');
    expect(excluded?.reason).toBe(
      `too little history: the first bar is on ${day(23)}, 27 of the 50 trading days from ${day(0)} to ${day(49)}; ` +
        `missing 2 of 27 trading days from ${day(23)} to ${day(49)} (7.4%, more than 2.0%): ${day(28)}, ${day(33)}`,
    );
  });

  it('keeps a late start with a single hole when the two together stay within the allowance', () => {
    // 1 session before the first bar and none after: 2 % of 50, as before the two were told apart.
    expect(gate(calmSeries().slice(1)).excluded).toEqual([]);
  });

  it('still excludes what the one count excluded, however it splits: 1 before the first bar and 1 hole after', () => {
    const bars = calmSeries().slice(1).filter((_, j) => j !== 20);
    const [excluded] = gate(bars).excluded;
    expect(excluded?.reason).toMatch(new RegExp(`^too little history: the first bar is on ${day(1)}, 49 of the 50 trading days .*; missing 1 of 49 trading days from ${day(1)} to ${day(49)} .*: ${day(21)}$`));
    expect(excluded?.kind).toBe('bad-data');
  });

  it('counts the same missing days when the bars are out of order', () => {
    const gapped = calmSeries().filter((_, j) => j !== 5 && j !== 30);
    const shuffled = [...gapped.slice(20), ...gapped.slice(0, 20)];
    const reason = gate(shuffled).excluded[0]?.reason ?? '';
    expect(reason).toContain('bars out of order');
    expect(reason).toContain(`missing 2 of 50 trading days from ${day(0)} to ${day(49)} (4.0%, more than 2.0%): ${day(5)}, ${day(30)}`);
  });

  it('lists every problem of a symbol in one reason', () => {
    const bad = jumpAt(25, 50).slice(0, 47).map((b, j) => (j === 3 ? { ...b, high: 10 } : b));
    const reason = gate(bad).excluded[0]?.reason ?? '';
    expect(reason.split('; ').map((part) => part.split(/[ :]/)[0])).toEqual(['inconsistent', 'stale', 'missing', 'close']);
  });

  it('measures a one-day move across a bar with an invalid price from the valid bars either side', () => {
    const bad = jumpAt(25, 50).map((b, j) => (j === 25 ? { ...b, close: Number.NaN } : b));
    expect(gate(bad).excluded[0]?.reason).toBe(
      `non-positive or non-finite price on ${day(25)} (close NaN); ` +
        `close fell 50.0% from 100 on ${day(24)} to 50 on ${day(26)} (limit -45.0%): an unadjusted split or a bad print`,
    );
  });

  it('reports only the first extreme move and every inconsistent bar, with every rule in its order', () => {
    const bad = jumpAt(25, 50)
      .map((b, j) => (j === 40 ? { ...b, close: 200, high: 200, low: 200, open: 200 } : b))
      .map((b, j) => (j === 10 || j === 30 ? { ...b, open: b.high * 2 } : b))
      .map((b, j) => (j === 5 ? { ...b, date: day(4) } : b));
    expect(gate(bad).excluded[0]?.reason).toBe(
      `bars out of order: ${day(4)} follows ${day(4)}; ` +
        `inconsistent OHLC on 2 days, first ${day(10)}: open 200 outside low–high 100–100; ` +
        `close fell 50.0% from 100 on ${day(24)} to 50 on ${day(25)} (limit -45.0%): an unadjusted split or a bad print`,
    );
  });

  it('gives the same report for the same bars in every call, one look-back for all symbols', () => {
    const bars = barsBySymbol({ A: calmSeries(), B: calmSeries().slice(23), C: jumpAt(25, 50), D: calmSeries() });
    const first = checkBarQuality(bars, OPTIONS);
    expect(checkBarQuality(bars, OPTIONS)).toEqual(first);
    expect([...first.clean.keys()]).toEqual(['A', 'D']);
    expect(first.excluded.map((e) => [e.symbol, e.kind])).toEqual([['B', 'too-little-history'], ['C', 'bad-data']]);
  });
});

