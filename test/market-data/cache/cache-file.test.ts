import { describe, expect, it } from 'vitest';
import { decodeSeries, encodeSeries, type CachedSeries, type SeriesKey } from '../../../src/market-data/cache/cache-file.js';
import { aBar } from '../../builders.js';

const KEY: SeriesKey = { symbol: 'SPY', feed: 'sip', adjustment: 'split' };

/** Real closes with float32 noise as Yahoo serves them, and a sum with binary rounding. */
const SERIES: CachedSeries = {
  from: '2020-02-18',
  to: '2020-02-21',
  bars: [
    aBar({ date: '2020-02-19', open: 337.7900085449219, high: 339.0799865722656, low: 337.4800109863281, close: 338.3399963378906, volume: 48_814_700 }),
    aBar({ date: '2020-02-20', open: 0.1 + 0.2, high: 1e-7, low: 5e-324, close: 1.7976931348623157e308, volume: 0 }),
  ],
};

describe('cache file format', () => {
  it('reads back exactly the bars and span it wrote, to the last bit of every number', () => {
    expect(decodeSeries(KEY, encodeSeries(KEY, SERIES))).toEqual({ ok: true, value: SERIES });
  });

  it('reads back a span without bars (a symbol that did not trade)', () => {
    const empty: CachedSeries = { from: '2024-01-02', to: '2024-03-15', bars: [] };
    expect(decodeSeries(KEY, encodeSeries(KEY, empty))).toEqual({ ok: true, value: empty });
  });

  it('refuses the file cut at every possible length as corrupt', () => {
    const text = encodeSeries(KEY, SERIES);
    const accepted = Array.from({ length: text.length }, (_, cut) => cut).filter((cut) => decodeSeries(KEY, text.slice(0, cut)).ok);
    expect(accepted).toEqual([]);
    expect(decodeSeries(KEY, text.slice(0, -1))).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
  });

  it('refuses a file with one changed character in its rows as corrupt', () => {
    const text = encodeSeries(KEY, SERIES).replace('338.3399963378906', '338.3399963378907');
    expect(decodeSeries(KEY, text)).toEqual({ ok: false, error: { kind: 'corrupt', message: 'checksum mismatch (file truncated or altered)' } });
  });

  it('refuses a consistent file whose header lies about the row count', () => {
    const text = encodeSeries(KEY, SERIES).replace('"rows":2', '"rows":3');
    expect(decodeSeries(KEY, text)).toEqual({ ok: false, error: { kind: 'corrupt', message: '2 rows, header says 3' } });
  });

  it.each<[string, SeriesKey]>([
    ['another symbol', { ...KEY, symbol: 'spy' }],
    ['another feed', { ...KEY, feed: undefined }],
    ['another adjustment', { ...KEY, adjustment: 'all' }],
  ])('treats a valid file of %s as not this series, rather than corrupt', (_name, other) => {
    expect(decodeSeries(other, encodeSeries(KEY, SERIES))).toMatchObject({ ok: false, error: { kind: 'other-series' } });
  });

  it('treats a file of another format version as not this series', () => {
    const text = encodeSeries(KEY, SERIES).replace('"version":1', '"version":2');
    expect(decodeSeries(KEY, text)).toEqual({ ok: false, error: { kind: 'other-series', message: 'format version 2' } });
  });
});
