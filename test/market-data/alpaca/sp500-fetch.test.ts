/** A cold fetch of the real S&P 500 data set (505 symbols, one year) through the local exchange. */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bar, BarsBySymbol } from '../../../src/domain/index.js';
import { loadBarsDirectory } from '../../../src/exchange/load-scenario.js';
import { AlpacaMarketData } from '../../../src/market-data/alpaca/alpaca-market-data.js';
import { aScenario, useLocalExchange } from '../../broker/alpaca/local-exchange.js';
import { recordingProgress } from '../progress/recording-progress.js';

// CI keeps ../shared beside the checkout; without it this test must fail, not pass vacuously.
const DATA_DIR = resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'sp500-2013-2018');
const START = '2017-01-24';
const END = '2018-02-07';

describe('AlpacaMarketData with 505 symbols', () => {
  const local = useLocalExchange();
  let history: BarsBySymbol;

  beforeAll(async () => {
    const loaded = await loadBarsDirectory(DATA_DIR);
    if (!loaded.ok) throw new Error(`cannot load ${DATA_DIR}: ${loaded.error.slice(0, 3).join('; ')}`);
    history = loaded.value;
  });

  it('fetches a year of every symbol bar for bar within 8 + ceil(bars / 10000) requests', async () => {
    expect(history.size).toBe(505);
    const exchange = await local.start(aScenario({ bars: history, clock: new Date('2018-02-07T15:30:00Z'), positions: [] }));
    const { progress, counts } = recordingProgress();
    const symbols = [...history.keys()];
    const result = await new AlpacaMarketData(local.clientFor(exchange), { progress }).getDailyBars({
      symbols,
      start: START,
      end: END,
      adjustment: 'split',
      feed: 'iex',
    });

    const expected = new Map([...history].map(([symbol, bars]) => [symbol, bars.filter((b: Bar) => b.date >= START && b.date <= END)]));
    const totalBars = [...expected.values()].reduce((sum, bars) => sum + bars.length, 0);
    expect(totalBars).toBeGreaterThan(120_000);
    expect(result.bars.size).toBe(505);
    for (const [symbol, bars] of expected) expect(result.bars.get(symbol), symbol).toEqual(bars);
    expect(result.requests).toBeLessThanOrEqual(8 + Math.ceil(totalBars / 10_000));
    expect(counts).toEqual({ symbols: 505, requests: result.requests, cacheHits: 0 });
  });
});
