import { describe, expect, it } from 'vitest';
import { BarFile, type CachedSeries, type SourceKey } from '../../../src/market-data/cache/cache-file.js';
import { aBar } from '../../builders.js';

const SOURCE: SourceKey = { feed: 'sip', adjustment: 'split' };

/** Real closes with float32 noise as Yahoo serves them, a sum with binary rounding, and the extremes of a double. */
const SPY: CachedSeries = {
  from: '2020-02-18',
  to: '2020-02-21',
  bars: [
    aBar({ date: '2020-02-19', open: 337.7900085449219, high: 339.0799865722656, low: 337.4800109863281, close: 338.3399963378906, volume: 48_814_700 }),
    aBar({ date: '2020-02-20', open: 0.1 + 0.2, high: 1e-7, low: 5e-324, close: 1.7976931348623157e308, volume: 0 }),
  ],
};
const AAPL: CachedSeries = { from: '2020-02-14', to: '2020-02-20', bars: [aBar({ date: '2020-02-14', close: 324.95 }), aBar({ date: '2020-02-20', close: 320.3 })] };
/** A span without bars: a symbol that did not trade. */
const HALTED: CachedSeries = { from: '2024-01-02', to: '2024-03-15', bars: [] };

const file = (): BarFile => BarFile.empty().with(new Map([['SPY', SPY], ['AAPL', AAPL], ['HALTED', HALTED]]));
const decoded = (bytes: Uint8Array, source = SOURCE): BarFile => {
  const result = BarFile.decode(source, bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('cache file format', () => {
  it('reads back exactly the bars and spans it wrote, to the last bit of every number', () => {
    const back = decoded(file().encode(SOURCE));
    expect([...back.symbols].sort()).toEqual(['AAPL', 'HALTED', 'SPY']);
    expect(back.series('SPY')).toEqual(SPY);
    expect(back.series('AAPL')).toEqual(AAPL);
    expect(back.series('HALTED')).toEqual(HALTED);
    expect(back.series('MSFT')).toBeUndefined();
  });

  it('replaces one symbol and keeps the others as they were', () => {
    const newer: CachedSeries = { from: '2020-02-14', to: '2020-02-21', bars: [...AAPL.bars, aBar({ date: '2020-02-21', close: 313.05 })] };
    const back = decoded(decoded(file().encode(SOURCE)).with(new Map([['AAPL', newer]])).encode(SOURCE));
    expect(back.series('AAPL')).toEqual(newer);
    expect(back.series('SPY')).toEqual(SPY);
    expect(back.series('HALTED')).toEqual(HALTED);
  });

  it('refuses the file cut at every possible length as corrupt', () => {
    const bytes = file().encode(SOURCE);
    const accepted = Array.from({ length: bytes.length }, (_, cut) => cut).filter((cut) => BarFile.decode(SOURCE, bytes.subarray(0, cut)).ok);
    expect(accepted).toEqual([]);
    expect(BarFile.decode(SOURCE, bytes.subarray(0, -1))).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
  });

  it('refuses a file with any one byte of its rows changed as corrupt', () => {
    const bytes = file().encode(SOURCE);
    const bodyStart = bytes.indexOf(0x0a) + 1;
    for (let at = bodyStart; at < bytes.length; at++) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      expect(BarFile.decode(SOURCE, damaged)).toEqual({ ok: false, error: { kind: 'corrupt', message: 'checksum mismatch (file truncated or altered)' } });
    }
  });

  it('refuses a consistent file whose header lies about a row count', () => {
    const text = file().encode(SOURCE).toString('latin1').replace('"SPY","2020-02-18","2020-02-21",2]', '"SPY","2020-02-18","2020-02-21",1]');
    expect(BarFile.decode(SOURCE, Buffer.from(text, 'latin1'))).toEqual({
      ok: false,
      error: { kind: 'corrupt', message: "the symbols' rows add up to 3, header says 4" },
    });
  });

  it('refuses a header whose span leaves out a row', () => {
    const text = file().encode(SOURCE).toString('latin1').replace('"SPY","2020-02-18","2020-02-21"', '"SPY","2020-02-18","2020-02-19"');
    expect(BarFile.decode(SOURCE, Buffer.from(text, 'latin1'))).toEqual({
      ok: false,
      error: { kind: 'corrupt', message: 'SPY: row 2 (2020-02-20) is out of order or outside 2020-02-18..2020-02-19' },
    });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'no header line'],
    ['a header of garbage', Buffer.from('{not json\n'), 'the header line is not JSON'],
    ['a header of another kind', Buffer.from('{"format":"csv"}\n'), 'unexpected header: format'],
  ])('refuses %s as corrupt', (_name, bytes, message) => {
    expect(BarFile.decode(SOURCE, bytes)).toMatchObject({ ok: false, error: { kind: 'corrupt', message: expect.stringContaining(message) } });
  });

  it.each<[string, SourceKey]>([
    ['another feed', { ...SOURCE, feed: undefined }],
    ['another adjustment', { ...SOURCE, adjustment: 'all' }],
  ])('treats a valid file of %s as not this source, rather than corrupt', (_name, other) => {
    expect(BarFile.decode(other, file().encode(SOURCE))).toMatchObject({ ok: false, error: { kind: 'other-source' } });
  });

  it('treats a file of another format version as not this source', () => {
    const text = file().encode(SOURCE).toString('latin1').replace('"version":2', '"version":1');
    expect(BarFile.decode(SOURCE, Buffer.from(text, 'latin1'))).toEqual({ ok: false, error: { kind: 'other-source', message: 'format version 1' } });
  });
});
