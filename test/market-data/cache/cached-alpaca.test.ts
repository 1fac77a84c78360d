import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/domain/index.js';
import { AlpacaMarketData } from '../../../src/market-data/alpaca/alpaca-market-data.js';
import { CachedMarketData } from '../../../src/market-data/cache/index.js';
import type { DailyBarsRequest } from '../../../src/market-data/port.js';
import { aScenario, HISTORY, useLocalExchange } from '../../broker/alpaca/local-exchange.js';
import { useTempDir } from '../../support/temp-dir.js';

const SYMBOLS = ['AAPL', 'MSFT', 'XOM', 'GE'] as const;
/** The symbols of a bars request, sorted: the adapter may order them as it likes. */
const symbolsOf = (url: URL | undefined): string => (url?.searchParams.get('symbols') ?? '').split(',').sort().join(',');
const upTo = (end: string): DailyBarsRequest => ({ symbols: SYMBOLS, start: '2024-02-26', end, adjustment: 'split', feed: 'sip' });

describe('CachedMarketData in front of AlpacaMarketData and the local exchange', () => {
  const local = useLocalExchange();
  const temp = useTempDir();

  /** Friday 2024-03-08 after the close; the exchange serves no bar after its clock's day. */
  async function startOnMarch8(bars: Map<string, readonly Bar[]>) {
    const exchange = await local.start(aScenario({ clock: new Date('2024-03-08T21:00:00Z'), bars }));
    const urls: URL[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(new URL(String(input)));
      return fetch(input, init);
    };
    const alpaca = new AlpacaMarketData(local.clientFor(exchange, { fetchImpl: recording }));
    const cached = () => new CachedMarketData(alpaca, { cacheDir: temp.path() });
    return { exchange, urls, cached };
  }

  it('a week later asks Alpaca only for the new days from the last cached one, then nothing at all', async () => {
    const { exchange, urls, cached } = await startOnMarch8(new Map(Object.entries(HISTORY)));
    const first = await cached().getDailyBars(upTo('2024-03-08'));
    expect(first).toMatchObject({ requests: 1, cacheHits: 0 });

    exchange.state.now = new Date('2024-03-15T21:00:00Z');
    const later = await cached().getDailyBars(upTo('2024-03-15'));
    expect(later).toMatchObject({ requests: 1, cacheHits: 4 });
    for (const symbol of SYMBOLS) expect(later.bars.get(symbol)).toEqual(HISTORY[symbol]);
    expect(urls).toHaveLength(2);
    // Midnight in New York of Friday 03-08 (EST) and Friday 03-15 (EDT): one overlap day, one request for all four.
    expect(urls[1]?.searchParams.get('start')).toBe('2024-03-08T05:00:00.000Z');
    expect(urls[1]?.searchParams.get('end')).toBe('2024-03-15T04:00:00.000Z');
    expect(symbolsOf(urls[1])).toBe('AAPL,GE,MSFT,XOM');

    const again = await cached().getDailyBars(upTo('2024-03-15'));
    expect(again).toMatchObject({ requests: 0, cacheHits: 4 });
    expect(again.bars).toEqual(later.bars);
    expect(urls).toHaveLength(2);
  });

  it('refetches the whole window of a symbol the exchange has since split-adjusted', async () => {
    const bars = new Map<string, readonly Bar[]>(Object.entries(HISTORY));
    const { exchange, urls, cached } = await startOnMarch8(bars);
    await cached().getDailyBars(upTo('2024-03-08'));

    // A 2:1 split of MSFT on 03-11: the exchange now serves its whole history halved.
    const halved = HISTORY.MSFT.map((b) => ({ ...b, open: b.open / 2, high: b.high / 2, low: b.low / 2, close: b.close / 2 }));
    bars.set('MSFT', halved);
    exchange.state.now = new Date('2024-03-15T21:00:00Z');
    const later = await cached().getDailyBars(upTo('2024-03-15'));
    expect(later).toMatchObject({ requests: 2, cacheHits: 3 });
    expect(later.bars.get('MSFT')).toEqual(halved);
    expect(later.bars.get('AAPL')).toEqual(HISTORY.AAPL);
    expect(urls.slice(1).map((u) => `${symbolsOf(u)} ${u.searchParams.get('start')}`)).toEqual([
      'AAPL,GE,MSFT,XOM 2024-03-08T05:00:00.000Z',
      'MSFT 2024-02-26T05:00:00.000Z',
    ]);
  });
});
