import { Alpaca, AuthError, NotFoundError, TimeFrame, ValidationError } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import type { RunningExchange } from '../../src/exchange/server.js';
import { CLOCK_DATE, aScenario, anExchange, barOn } from './helpers.js';

const TRADING = /^https:\/\/(paper-api|api)\.alpaca\.markets/;
const DATA = /^https:\/\/data(\.sandbox)?\.alpaca\.markets/;

/** The official SDK, unchanged, pointed at the local exchange by rewriting its hosts. */
function sdkFor(exchange: RunningExchange, keyId = 'local', secret = 'local'): Alpaca {
  return new Alpaca({
    keyId,
    secret,
    paper: true,
    retry: false,
    rateLimit: false,
    timeoutMs: 5000,
    fetchApi: (url, init) => fetch(String(url).replace(TRADING, exchange.baseUrl).replace(DATA, exchange.baseUrl), init),
  });
}

const scenario = aScenario({ positions: [{ symbol: 'AAPL', qty: 1.5, avgEntryPrice: 90 }] });

describe('the official SDK (@alpacahq/alpaca-trade-api 4.0.2) against the local exchange', () => {
  it('reads account, positions, clock, calendar and assets', async () => {
    const alpaca = sdkFor(await anExchange(scenario));
    const account = await alpaca.trading.account.getAccount();
    expect(account.status).toBe('ACTIVE');
    expect(account.cash).toBe('10000.00');

    const positions = await alpaca.trading.positions.getAllOpenPositions();
    expect(positions.map((p) => [p.symbol, p.qty, p.currentPrice])).toEqual([['AAPL', '1.5', String(barOn(scenario, 'AAPL', CLOCK_DATE).close)]]);

    const clock = await alpaca.trading.clock.legacyClock();
    expect(clock.isOpen).toBe(true);

    const days = await alpaca.trading.calendar.legacyCalendar({ start: new Date('2025-11-26T00:00:00Z'), end: new Date('2025-11-28T00:00:00Z') });
    expect(days.map((d) => [d.date.toISOString().slice(0, 10), d.close])).toEqual([
      ['2025-11-26', '16:00'],
      ['2025-11-28', '13:00'],
    ]);

    const assets = await alpaca.trading.assets.getV2Assets({ status: 'active' });
    expect(assets.map((a) => a.symbol)).toEqual(['AAPL', 'MSFT', 'SPY']);
    const spy = await alpaca.trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'SPY' });
    expect(spy.fractionable).toBe(true);
  });

  it('collects multi-symbol bars across pages', async () => {
    const alpaca = sdkFor(await anExchange(scenario));
    const bars = await alpaca.marketData.collectStockBarsBySymbol({
      symbols: ['SPY', 'AAPL'],
      timeframe: TimeFrame.Day,
      start: new Date('2025-11-03T00:00:00Z'),
      end: new Date('2025-12-31T00:00:00Z'),
      limit: 7,
    });
    const expected = (symbol: string): number[] =>
      (scenario.bars.get(symbol) ?? []).filter((b) => b.date >= '2025-11-03' && b.date <= CLOCK_DATE).map((b) => b.close);
    expect(Object.keys(bars).sort()).toEqual(['AAPL', 'SPY']);
    expect(bars['AAPL']?.map((b) => b.c)).toEqual(expected('AAPL'));
    expect(bars['SPY']?.map((b) => b.c)).toEqual(expected('SPY'));
  });

  it('surfaces the exchange\'s errors as the SDK\'s typed errors', async () => {
    const exchange = await anExchange(aScenario({ keys: { keyId: 'PK1', secretKey: 'S1' } }));
    await expect(sdkFor(exchange, 'PK1', 'wrong').trading.account.getAccount()).rejects.toBeInstanceOf(AuthError);
    const alpaca = sdkFor(exchange, 'PK1', 'S1');
    await expect(alpaca.trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'NOPE' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(alpaca.marketData.stocks.stockBars({ symbols: 'SPY', timeframe: '1Hour' })).rejects.toBeInstanceOf(ValidationError);
  });
});
