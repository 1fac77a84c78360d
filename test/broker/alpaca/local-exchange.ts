/** Starts the real local exchange on 127.0.0.1:0 with a small in-memory scenario, and an SDK client pointed at it. */
import { afterEach } from 'vitest';
import { createAlpacaClient, type AlpacaClient, type AlpacaClientOptions } from '../../../src/broker/alpaca/client.js';
import { startExchange, type RunningExchange } from '../../../src/exchange/server.js';
import type { MarketScenario } from '../../../src/exchange/scenario.js';
import { barsSeries, ramp } from '../../builders.js';

/** Friday 2024-03-15, 11:00 in New York (EDT): the market is open. */
export const CLOCK = new Date('2024-03-15T15:00:00Z');

/** Fifteen weekdays of history, 2024-02-26 .. 2024-03-15, different prices per symbol. */
export const HISTORY = {
  AAPL: barsSeries(ramp(180, 194, 15), { start: '2024-02-26' }),
  MSFT: barsSeries(ramp(400, 428, 15), { start: '2024-02-26' }),
  XOM: barsSeries(ramp(100, 107, 15), { start: '2024-02-26' }),
  GE: barsSeries(ramp(150, 164, 15), { start: '2024-02-26' }),
};

export function aScenario(overrides: Partial<MarketScenario> = {}): MarketScenario {
  return {
    name: 'adapter-test',
    clock: CLOCK,
    bars: new Map(Object.entries(HISTORY)),
    account: { cash: 50_000, multiplier: 1, buyingPower: null },
    positions: [
      { symbol: 'AAPL', qty: 10, avgEntryPrice: 150 },
      { symbol: 'MSFT', qty: 5.5, avgEntryPrice: 300 },
    ],
    assets: { notTradable: ['XOM'], notFractionable: ['MSFT'], inactive: ['GE'] },
    ...overrides,
  };
}

export interface ClientOptions {
  readonly keyId?: string;
  readonly secretKey?: string;
  readonly dataBaseUrl?: string;
  readonly fetchImpl?: typeof fetch;
  /** Default off: most tests want to see each request once. */
  readonly retry?: AlpacaClientOptions['retry'];
}

/** Exchanges started here are closed after each test. */
export function useLocalExchange(): {
  start: (scenario?: MarketScenario) => Promise<RunningExchange>;
  clientFor: (exchange: RunningExchange, options?: ClientOptions) => AlpacaClient;
} {
  const running: RunningExchange[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((exchange) => exchange.close()));
  });
  return {
    start: async (scenario = aScenario()) => {
      const exchange = await startExchange({ scenario });
      running.push(exchange);
      return exchange;
    },
    clientFor: (exchange, options = {}) =>
      createAlpacaClient({
        keyId: options.keyId ?? 'local-key-id',
        secretKey: options.secretKey ?? 'local-secret-key',
        venue: 'local',
        tradingBaseUrl: exchange.baseUrl,
        dataBaseUrl: options.dataBaseUrl ?? exchange.baseUrl,
        retry: options.retry ?? false,
        rateLimit: false,
        timeoutMs: 5_000,
        ...(options.fetchImpl === undefined ? {} : { fetchImpl: options.fetchImpl }),
      }),
  };
}
