import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/domain/index.js';
import { CachedMarketData, clearCache, type CacheEvent, type CachedMarketDataOptions } from '../../../src/market-data/cache/index.js';
import { BarFile } from '../../../src/market-data/cache/cache-file.js';
import { barFilePath } from '../../../src/market-data/cache/cache-store.js';
import type { DailyBarsRequest } from '../../../src/market-data/port.js';
import { barsSeries, ramp, weekdays } from '../../builders.js';
import { useTempDir } from '../../support/temp-dir.js';
import { RecordingMarketData } from './recording-market-data.js';

/** 30 sessions, Thu 2024-02-01 .. Wed 2024-03-13. */
const DAYS = weekdays('2024-02-01', 30);
const day = (i: number): string => DAYS[i] ?? '';

const HISTORY: Readonly<Record<string, readonly Bar[]>> = {
  AAPL: barsSeries(ramp(180, 209, 30), { start: day(0) }),
  MSFT: barsSeries(ramp(400, 429, 30), { start: day(0) }),
  XOM: barsSeries(ramp(100, 114.5, 30), { start: day(0) }),
  GE: barsSeries(ramp(150, 179, 30), { start: day(0) }),
  KO: barsSeries(ramp(60, 61.45, 30), { start: day(0) }),
};
const history = (symbol: string, through = day(29), from = day(0)): Bar[] =>
  (HISTORY[symbol] ?? []).filter((b) => b.date >= from && b.date <= through);

const request = (symbols: readonly string[], end: string, start = day(0)): DailyBarsRequest => ({
  symbols,
  start,
  end,
  adjustment: 'split',
  feed: 'sip',
});

/** A fresh inner source, event list and cache dir per test. */
function useFixture() {
  const temp = useTempDir();
  const fixture = () => {
    const inner = new RecordingMarketData(new Map(Object.entries(HISTORY)));
    const events: CacheEvent[] = [];
    // A new wrapper per call, as each run of the CLI makes one: only the files carry state between calls.
    const cached = (options: Partial<CachedMarketDataOptions> = {}) =>
      new CachedMarketData(inner, { cacheDir: temp.path(), onEvent: (e) => events.push(e), ...options });
    const fileOf = (adjustment: DailyBarsRequest['adjustment'] = 'split') => barFilePath(temp.path(), { feed: 'sip', adjustment });
    /** What the split/sip file holds for `symbol`, read as the next run would. */
    const cachedSeries = (symbol: string) => {
      const file = BarFile.decode({ feed: 'sip', adjustment: 'split' }, readFileSync(fileOf()));
      return file.ok ? file.value.series(symbol) : undefined;
    };
    return { temp, inner, events, cached, fileOf, cachedSeries };
  };
  let current = fixture();
  beforeEach(() => {
    current = fixture();
  });
  return () => current;
}

/** The file with its last byte (part of the last row's day) changed. */
const flipLastByte = (bytes: Buffer): Buffer => {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1] = (copy.at(-1) ?? 0) ^ 0x01;
  return copy;
};

/** Every file under `dir`, relative, sorted. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe('CachedMarketData', () => {
  const fixture = useFixture();
  let t = fixture();
  beforeEach(() => {
    t = fixture();
  });

  it('answers a repeated request from disk without asking the inner source', async () => {
    const first = await t.cached().getDailyBars(request(['AAPL', 'MSFT', 'XOM'], day(29)));
    expect(first).toMatchObject({ requests: 1, cacheHits: 0 });
    const second = await t.cached().getDailyBars(request(['AAPL', 'MSFT', 'XOM'], day(29)));
    expect(t.inner.windows()).toEqual([`AAPL,MSFT,XOM ${day(0)}..${day(29)}`]);
    expect(second).toMatchObject({ requests: 0, cacheHits: 3 });
    expect(second.bars).toEqual(first.bars);
    expect(second.bars.get('AAPL')).toEqual(history('AAPL'));
  });

  it('answers a narrower window inside the cached one from disk, cut to that window', async () => {
    await t.cached().getDailyBars(request(['AAPL'], day(29)));
    const narrower = await t.cached().getDailyBars(request(['AAPL'], day(20), day(5)));
    expect(narrower).toMatchObject({ requests: 0, cacheHits: 1 });
    expect(narrower.bars.get('AAPL')).toEqual(history('AAPL', day(20), day(5)));
  });

  it('fetches only the days after the newest cached bar, overlapping it by one day, in one request for all', async () => {
    t.inner.availableThrough = day(19);
    await t.cached().getDailyBars(request(['AAPL', 'MSFT', 'XOM'], day(19)));
    t.inner.availableThrough = day(29);
    const later = await t.cached().getDailyBars(request(['AAPL', 'MSFT', 'XOM'], day(29)));
    expect(t.inner.windows()).toEqual([`AAPL,MSFT,XOM ${day(0)}..${day(19)}`, `AAPL,MSFT,XOM ${day(19)}..${day(29)}`]);
    expect(later).toMatchObject({ requests: 1, cacheHits: 3 });
    for (const symbol of ['AAPL', 'MSFT', 'XOM']) expect(later.bars.get(symbol)).toEqual(history(symbol));
    // The cache now reaches day 29: the same request again costs nothing.
    expect(await t.cached().getDailyBars(request(['AAPL', 'MSFT', 'XOM'], day(29)))).toMatchObject({ requests: 0 });
  });

  it('groups symbols by the day they need from, and fetches uncached symbols over the whole window', async () => {
    t.inner.availableThrough = day(19);
    await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(19)));
    t.inner.availableThrough = day(24);
    await t.cached().getDailyBars(request(['XOM', 'GE'], day(24)));
    t.inner.availableThrough = day(29);
    t.inner.requests.length = 0;
    const result = await t.cached().getDailyBars(request(['AAPL', 'XOM', 'KO', 'MSFT', 'GE'], day(29)));
    expect(t.inner.windows().sort()).toEqual(
      [`AAPL,MSFT ${day(19)}..${day(29)}`, `XOM,GE ${day(24)}..${day(29)}`, `KO ${day(0)}..${day(29)}`].sort(),
    );
    expect(result).toMatchObject({ requests: 3, cacheHits: 4 });
    for (const symbol of Object.keys(HISTORY)) expect(result.bars.get(symbol)).toEqual(history(symbol));
  });

  it('refetches the whole window of a symbol whose overlap close changed (a split), and only that symbol', async () => {
    t.inner.availableThrough = day(19);
    await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(19)));
    // A 4:1 split after day 19: the split-adjusted history of AAPL is now a quarter of what was cached.
    const split = history('AAPL').map((b) => ({ ...b, open: b.open / 4, high: b.high / 4, low: b.low / 4, close: b.close / 4 }));
    t.inner.history = new Map([...t.inner.history, ['AAPL', split]]);
    t.inner.availableThrough = day(29);
    const after = await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(29)));
    expect(t.inner.windows().slice(1)).toEqual([`AAPL,MSFT ${day(19)}..${day(29)}`, `AAPL ${day(0)}..${day(29)}`]);
    expect(after).toMatchObject({ requests: 2, cacheHits: 1 });
    expect(after.bars.get('AAPL')).toEqual(split);
    expect(after.bars.get('MSFT')).toEqual(history('MSFT'));
    expect(t.events).toEqual([
      { kind: 'readjusted', symbol: 'AAPL', reason: `the close of ${day(19)} changed from 199 to 49.75 (split or re-adjustment)` },
    ]);
    // The rewritten file holds the new scale throughout.
    const again = await t.cached().getDailyBars(request(['AAPL'], day(29)));
    expect(again).toMatchObject({ requests: 0, cacheHits: 1 });
    expect(again.bars.get('AAPL')).toEqual(split);
  });

  it('keeps the cache when the overlap close differs by less than the tolerance', async () => {
    t.inner.availableThrough = day(19);
    await t.cached().getDailyBars(request(['AAPL'], day(19)));
    const nudged = history('AAPL').map((b) => ({ ...b, close: b.close * (1 + 1e-9) }));
    t.inner.history = new Map([['AAPL', nudged]]);
    t.inner.availableThrough = day(29);
    const after = await t.cached().getDailyBars(request(['AAPL'], day(29)));
    expect(after).toMatchObject({ requests: 1, cacheHits: 1 });
    expect(t.events).toEqual([]);
  });

  it.each([
    ['a byte of a price changed', (bytes: Buffer) => flipLastByte(bytes), 'checksum mismatch'],
    ['the file cut in half', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2)), 'file truncated?'],
    ['the file emptied', () => Buffer.alloc(0), 'no header line'],
    ['the header replaced by garbage', (bytes: Buffer) => Buffer.concat([Buffer.from('{not json'), bytes.subarray(bytes.indexOf(0x0a))]), 'not JSON'],
  ])('discards a cache file with %s, refetches its symbols in full and rewrites the file', async (_name, damage, reason) => {
    await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(29)));
    writeFileSync(t.fileOf(), damage(readFileSync(t.fileOf())));
    const after = await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(29)));
    expect(t.inner.windows()).toEqual([`AAPL,MSFT ${day(0)}..${day(29)}`, `AAPL,MSFT ${day(0)}..${day(29)}`]);
    expect(after).toMatchObject({ requests: 1, cacheHits: 0 });
    expect(after.bars.get('AAPL')).toEqual(history('AAPL'));
    expect(after.bars.get('MSFT')).toEqual(history('MSFT'));
    expect(t.events).toEqual([{ kind: 'discarded', path: t.fileOf(), reason: expect.stringContaining(reason) }]);
    expect(await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(29)))).toMatchObject({ requests: 0, cacheHits: 2 });
  });

  it("keeps other symbols' history when a run asks for a few", async () => {
    await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(29)));
    await t.cached().getDailyBars(request(['XOM'], day(29)));
    const later = await t.cached().getDailyBars(request(['AAPL', 'MSFT', 'XOM'], day(29)));
    expect(later).toMatchObject({ requests: 0, cacheHits: 3 });
    for (const symbol of ['AAPL', 'MSFT', 'XOM']) expect(later.bars.get(symbol)).toEqual(history(symbol));
  });

  it('keeps both of two requests made at once on one instance (the second reads what the first wrote)', async () => {
    const cached = t.cached();
    await Promise.all([cached.getDailyBars(request(['AAPL'], day(29))), cached.getDailyBars(request(['MSFT'], day(29)))]);
    expect(await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(29)))).toMatchObject({ requests: 0, cacheHits: 2 });
  });

  it('returns bars out of order as served, for the quality gate to reject, and never caches them', async () => {
    const shuffled = [...history('KO')].reverse();
    t.inner.history = new Map([...t.inner.history, ['KO', shuffled]]);
    const first = await t.cached().getDailyBars(request(['AAPL', 'KO'], day(29)));
    expect(first.bars.get('KO')).toEqual(shuffled);
    const again = await t.cached().getDailyBars(request(['AAPL', 'KO'], day(29)));
    expect(t.inner.windows()).toEqual([`AAPL,KO ${day(0)}..${day(29)}`, `KO ${day(0)}..${day(29)}`]);
    expect(again).toMatchObject({ requests: 1, cacheHits: 1 });
    expect(t.events).toEqual([]);
  });

  it('leaves only finished files behind, one per feed and adjustment', async () => {
    await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(19)));
    await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(29)));
    await t.cached().getDailyBars({ ...request(['AAPL'], day(29)), adjustment: 'raw' });
    t.inner.history = new Map([...t.inner.history, ['BRK.B', history('KO')], ['BF/B', history('GE')]]);
    await t.cached().getDailyBars({ symbols: ['BRK.B', 'BF/B'], start: day(0), end: day(29), adjustment: 'all' });
    expect(filesUnder(t.temp.path())).toEqual(['bars/all/default.bars', 'bars/raw/sip.bars', 'bars/split/sip.bars']);
    expect(t.cachedSeries('MSFT')?.bars).toEqual(history('MSFT'));
  });

  it('still answers, reports the failure and leaves no temporary file when a cache file cannot be replaced', async () => {
    // A folder where the file belongs: the rename onto it fails.
    mkdirSync(join(t.fileOf(), 'blocker'), { recursive: true });
    const result = await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(29)));
    expect(result.bars.get('AAPL')).toEqual(history('AAPL'));
    expect(t.events).toEqual([
      { kind: 'discarded', path: t.fileOf(), reason: expect.stringContaining('unreadable: EISDIR') },
      { kind: 'write-failed', path: t.fileOf(), reason: expect.stringContaining('rename') },
    ]);
    expect(filesUnder(t.temp.path())).toEqual([]);
  });

  it("carries a failed write's histories into the run's next write", async () => {
    t.inner.availableThrough = day(19);
    await t.cached().getDailyBars(request(['AAPL', 'MSFT'], day(19)));
    const split = history('AAPL').map((b) => ({ ...b, open: b.open / 4, high: b.high / 4, low: b.low / 4, close: b.close / 4 }));
    t.inner.history = new Map([...t.inner.history, ['AAPL', split]]);
    t.inner.availableThrough = day(29);
    // The file cannot be replaced while the top-up is written (a folder stands in its place), and can again by the
    // time AAPL's split refetch is written.
    const serve = t.inner.getDailyBars.bind(t.inner);
    let calls = 0;
    t.inner.getDailyBars = async (r) => {
      if (calls++ === 0) {
        rmSync(t.fileOf());
        mkdirSync(join(t.fileOf(), 'blocker'), { recursive: true });
      }
      return serve(r);
    };
    const onEvent = (e: CacheEvent) => {
      t.events.push(e);
      if (e.kind === 'write-failed') rmSync(t.fileOf(), { recursive: true });
    };
    await t.cached({ onEvent }).getDailyBars(request(['AAPL', 'MSFT'], day(29)));
    expect(t.events.map((e) => e.kind)).toEqual(['readjusted', 'write-failed']);
    expect(t.cachedSeries('MSFT')).toEqual({ from: day(0), to: day(29), bars: history('MSFT') });
    expect(t.cachedSeries('AAPL')).toEqual({ from: day(0), to: day(29), bars: split });
  });

  it("returns the still-trading day's bar without caching it, and fetches it again until the day is complete", async () => {
    const trading = await t.cached({ incompleteFrom: day(29) }).getDailyBars(request(['AAPL'], day(29)));
    expect(trading.bars.get('AAPL')?.at(-1)?.date).toBe(day(29));
    expect(t.cachedSeries('AAPL')).toMatchObject({ to: day(28), bars: history('AAPL', day(28)) });
    await t.cached({ incompleteFrom: day(29) }).getDailyBars(request(['AAPL'], day(29)));
    // The next day the session is over: fetched once more, then cached.
    const nextDay = '2024-03-14';
    await t.cached({ incompleteFrom: nextDay }).getDailyBars(request(['AAPL'], day(29)));
    const settled = await t.cached({ incompleteFrom: nextDay }).getDailyBars(request(['AAPL'], day(29)));
    expect(t.inner.windows()).toEqual([
      `AAPL ${day(0)}..${day(29)}`,
      `AAPL ${day(28)}..${day(29)}`,
      `AAPL ${day(28)}..${day(29)}`,
    ]);
    expect(settled.bars.get('AAPL')).toEqual(history('AAPL'));
  });

  it('fetches the whole window when the request starts before the cached history', async () => {
    await t.cached().getDailyBars(request(['AAPL'], day(29), day(10)));
    const longer = await t.cached().getDailyBars(request(['AAPL'], day(29)));
    expect(t.inner.windows()).toEqual([`AAPL ${day(10)}..${day(29)}`, `AAPL ${day(0)}..${day(29)}`]);
    expect(longer).toMatchObject({ cacheHits: 0 });
    expect(longer.bars.get('AAPL')).toEqual(history('AAPL'));
  });

  it('keeps feeds and adjustments apart', async () => {
    await t.cached().getDailyBars(request(['AAPL'], day(29)));
    await t.cached().getDailyBars({ ...request(['AAPL'], day(29)), adjustment: 'all' });
    await t.cached().getDailyBars({ ...request(['AAPL'], day(29)), feed: 'iex' });
    expect(t.inner.requests.map((r) => `${r.adjustment}/${r.feed}`)).toEqual(['split/sip', 'all/sip', 'split/iex']);
  });

  it('asks again, over the whole window, for a symbol that had no bars: bars added since are found without --no-cache', async () => {
    const first = await t.cached().getDailyBars(request(['AAPL', 'NEW'], day(29)));
    expect([...first.bars.keys()]).toEqual(['AAPL']);
    expect(t.cachedSeries('NEW')).toBeUndefined();
    // The data appears (a CSV added to the exchange's data, a symbol the source now serves).
    const added = barsSeries(ramp(50, 79, 30), { start: day(0) });
    t.inner.history = new Map([...t.inner.history, ['NEW', added]]);
    const second = await t.cached().getDailyBars(request(['AAPL', 'NEW'], day(29)));
    expect(second.bars.get('NEW')).toEqual(added);
    expect(t.inner.windows()).toEqual([`AAPL,NEW ${day(0)}..${day(29)}`, `NEW ${day(0)}..${day(29)}`]);
    expect(second.cacheHits).toBe(1);
    expect(t.cachedSeries('NEW')?.bars).toEqual(added);
  });

  it('refetches in full a symbol an older cache file remembers as having no bars', async () => {
    await t.cached().getDailyBars(request(['AAPL'], day(29)));
    // A file as written before "no bars" stopped being cached: NEW covered over the window with no bars.
    const old = BarFile.decode({ feed: 'sip', adjustment: 'split' }, readFileSync(t.fileOf()));
    if (!old.ok) throw new Error(old.error.message);
    writeFileSync(t.fileOf(), old.value.with(new Map([['NEW', { from: day(0), to: day(29), bars: [] }]])).encode({ feed: 'sip', adjustment: 'split' }));
    const added = barsSeries(ramp(50, 79, 30), { start: day(0) });
    t.inner.history = new Map([...t.inner.history, ['NEW', added]]);
    const result = await t.cached().getDailyBars(request(['AAPL', 'NEW'], day(29)));
    expect(result.bars.get('NEW')).toEqual(added);
    expect(t.inner.windows().at(-1)).toBe(`NEW ${day(0)}..${day(29)}`);
  });

  it('starts from nothing after clearCache, which says how many files it removed', async () => {
    await t.cached().getDailyBars(request(['AAPL', 'MSFT', 'XOM'], day(29)));
    await t.cached().getDailyBars({ ...request(['AAPL'], day(29)), adjustment: 'raw' });
    expect(await clearCache(t.temp.path())).toEqual({ removedFiles: 2 });
    expect(filesUnder(t.temp.path())).toEqual([]);
    expect(await clearCache(t.temp.path())).toEqual({ removedFiles: 0 });
    const after = await t.cached().getDailyBars(request(['AAPL', 'MSFT', 'XOM'], day(29)));
    expect(after).toMatchObject({ requests: 1, cacheHits: 0 });
  });
});
