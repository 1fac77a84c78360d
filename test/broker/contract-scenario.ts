/** The market, holdings and fill rules the broker contract runs on, and small helpers to read what a broker shows. */
import type { Broker } from '../../src/broker/port.js';
import type { BrokerOrder, OrderRequest, SubmitOutcome } from '../../src/domain/index.js';
import type { MarketScenario } from '../../src/exchange/scenario.js';
import { barsSeries, ramp } from '../builders.js';
import { waitFor } from './wait-for.js';

/** Friday 2024-03-15, 11:00 in New York: the regular session is open. */
export const CONTRACT_CLOCK = new Date('2024-03-15T15:00:00Z');

const PRICES: Readonly<Record<string, readonly [number, number]>> = {
  AAPL: [180, 194],
  MSFT: [400, 428],
  NVDA: [800, 880],
  XOM: [100, 107],
  AMD: [170, 180],
  IBM: [190, 195],
  TSLA: [160, 170],
  KO: [58, 60],
};

/**
 * $50,000 cash, 10 AAPL, 5.5 NVDA and 20 IBM. KO cannot be traded, MSFT only in whole shares. Fills come 20 ms
 * after routing; AMD orders fill half and stay open, TSLA orders are accepted then rejected, IBM orders never fill.
 */
export function contractScenario(overrides: Partial<MarketScenario> = {}): MarketScenario {
  return {
    name: 'broker-contract',
    clock: CONTRACT_CLOCK,
    bars: new Map(Object.entries(PRICES).map(([symbol, [from, to]]) => [symbol, barsSeries(ramp(from, to, 15), { start: '2024-02-26' })])),
    account: { cash: 50_000, multiplier: 1, buyingPower: null },
    positions: [
      { symbol: 'AAPL', qty: 10, avgEntryPrice: 150 },
      { symbol: 'NVDA', qty: 5.5, avgEntryPrice: 700 },
      { symbol: 'IBM', qty: 20, avgEntryPrice: 180 },
    ],
    assets: { notTradable: ['KO'], notFractionable: ['MSFT'], inactive: [] },
    fills: { delayMs: 20, slippageBps: 0, partial: { AMD: 0.5 }, reject: ['TSLA'], neverFill: ['IBM'] },
    ...overrides,
  };
}

let sequence = 0;

export function anOrder(symbol: string, side: 'buy' | 'sell', qty: number): OrderRequest {
  sequence += 1;
  return { clientOrderId: `contract-${symbol}-${side}-${sequence}`, symbol, side, qty, type: 'market', timeInForce: 'day' };
}

export function accepted(outcome: SubmitOutcome): BrokerOrder {
  if (outcome.kind !== 'accepted') throw new Error(`expected the order to be accepted, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

/** Waits until the broker reports the order in one of `statuses`. */
export function orderReaching(broker: Broker, orderId: string, statuses: readonly string[]): Promise<BrokerOrder> {
  let last: BrokerOrder | undefined;
  return waitFor(
    `order ${orderId} to reach ${statuses.join(' or ')}`,
    async () => {
      last = await broker.getOrder(orderId);
      return statuses.includes(last.status) ? last : undefined;
    },
    { describe: () => JSON.stringify(last) },
  );
}

export async function heldQty(broker: Broker, symbol: string): Promise<number> {
  return (await broker.getPositions()).find((p) => p.symbol === symbol)?.qty ?? 0;
}

/** Fault settings with every other fault off. */
export function faults(overrides: Partial<NonNullable<MarketScenario['faults']>>): NonNullable<MarketScenario['faults']> {
  return {
    latencyMs: 0,
    errorRate: 0,
    errorMethods: ['GET'],
    rateLimitPerMinute: null,
    rateLimitWindowMs: 60_000,
    dropAfterOrderAccepted: null,
    seed: 1,
    ...overrides,
  };
}
