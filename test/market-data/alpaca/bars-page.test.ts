import { describe, expect, it } from 'vitest';
import { BarsMerger, barsPageSchema, newYorkDay, newYorkDayOf, newYorkMidnight } from '../../../src/market-data/alpaca/bars-page.js';

const wireBar = (t: string, close: number) => ({ t, o: close, h: close, l: close, c: close, v: 1000, n: 10, vw: close });

describe('New York days', () => {
  it.each([
    ['2024-01-02', '2024-01-02T05:00:00.000Z'],
    ['2024-07-01', '2024-07-01T04:00:00.000Z'],
    ['2024-03-11', '2024-03-11T04:00:00.000Z'],
  ])('midnight of %s in New York is %s', (day, instant) => {
    expect(newYorkMidnight(day).toISOString()).toBe(instant);
    expect(newYorkDay(new Date(instant))).toBe(day);
  });

  it.each([
    ['2024-03-11T04:00:00Z', '2024-03-11'],
    ['2024-11-04T05:00:00Z', '2024-11-04'],
    ['2024-11-04T04:59:59Z', '2024-11-03'],
    ['not a time', null],
  ])('the New York day of the timestamp text %s is %s, the second time too', (text, day) => {
    expect(newYorkDayOf(text)).toBe(day);
    expect(newYorkDayOf(text)).toBe(day);
  });

  it.each(['2024-1-2', '2024-01-02T00:00:00Z', 'yesterday'])('rejects the malformed day %s', (day) => {
    expect(() => newYorkMidnight(day)).toThrow(RangeError);
  });
});

describe('barsPageSchema', () => {
  it('turns a daily bar stamped at New York midnight into that day', () => {
    const page = barsPageSchema.parse({ bars: { SPY: [wireBar('2024-01-02T05:00:00Z', 472.65)] }, next_page_token: null });
    expect(page.bars['SPY']).toEqual([
      { date: '2024-01-02', open: 472.65, high: 472.65, low: 472.65, close: 472.65, volume: 1000 },
    ]);
    expect(page.nextPageToken).toBeUndefined();
  });

  it.each([
    ['a NaN close', { ...wireBar('2024-01-02T05:00:00Z', 1), c: Number.NaN }],
    ['a zero open', { ...wireBar('2024-01-02T05:00:00Z', 1), o: 0 }],
    ['a negative volume', { ...wireBar('2024-01-02T05:00:00Z', 1), v: -5 }],
    ['a price sent as text', { ...wireBar('2024-01-02T05:00:00Z', 1), h: '1.5' }],
    ['an unreadable time', wireBar('not a time', 1)],
  ])('rejects a bar with %s', (_name, bar) => {
    expect(barsPageSchema.safeParse({ bars: { SPY: [bar] }, next_page_token: null }).success).toBe(false);
  });

  it('names the symbol and the bar whose time cannot be read', () => {
    const parsed = barsPageSchema.safeParse({
      bars: { SPY: [wireBar('2024-01-02T05:00:00Z', 1)], QQQ: [wireBar('2024-01-02T05:00:00Z', 1), wireBar('soon', 1)] },
      next_page_token: null,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['bars.QQQ.1.t']);
  });

  it('keeps the page token of a page that continues', () => {
    const page = barsPageSchema.parse({ bars: { SPY: [] }, next_page_token: 'U1BZfEQ=' });
    expect(page.nextPageToken).toBe('U1BZfEQ=');
  });

  it('treats null bars and an empty token as the last, empty page', () => {
    const page = barsPageSchema.parse({ bars: null, next_page_token: '' });
    expect(page).toEqual({ bars: {}, nextPageToken: undefined });
  });
});

describe('BarsMerger', () => {
  it('merges a symbol split across pages, drops the repeated day, sorts by day and ignores unrequested symbols', () => {
    const merger = new BarsMerger(new Set(['AAPL', 'MSFT']));
    merger.add(
      barsPageSchema.parse({
        bars: { AAPL: [wireBar('2024-01-03T05:00:00Z', 2), wireBar('2024-01-04T05:00:00Z', 3)] },
        next_page_token: 'x',
      }),
    );
    merger.add(
      barsPageSchema.parse({
        bars: {
          AAPL: [wireBar('2024-01-02T05:00:00Z', 1), wireBar('2024-01-04T05:00:00Z', 3)],
          MSFT: [],
          ZZZ: [wireBar('2024-01-02T05:00:00Z', 9)],
        },
        next_page_token: null,
      }),
    );
    const result = merger.result();
    expect([...result.keys()]).toEqual(['AAPL']);
    expect(result.get('AAPL')?.map((b) => [b.date, b.close])).toEqual([
      ['2024-01-02', 1],
      ['2024-01-03', 2],
      ['2024-01-04', 3],
    ]);
  });
});
