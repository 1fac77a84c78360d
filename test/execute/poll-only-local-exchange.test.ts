import { describe, expect, it } from 'vitest';
import { AlpacaBroker } from '../../src/broker/alpaca/alpaca-broker.js';
import { BrokerError } from '../../src/broker/port.js';
import { executePlan } from '../../src/execute/two-phase-executor.js';
import { aScenario, CLOCK, useLocalExchange } from '../broker/alpaca/local-exchange.js';
import { anIntent, memoryAudit, settings, silentLogger } from './harness.js';

/** The real adapter whose trade_updates stream cannot be had: the executor must learn everything by polling. */
class PollOnlyBroker extends AlpacaBroker {
  override streamTradeUpdates(): Promise<{ close(): Promise<void> }> {
    return Promise.reject(new BrokerError('retryable', 'trade_updates unavailable'));
  }
}

describe('executePlan polling the local exchange, its clock far from ours', () => {
  const local = useLocalExchange();

  it('sees every order fill and reaches the targets when the stream is unavailable', async () => {
    const exchange = await local.start(aScenario());
    const broker = new PollOnlyBroker(local.clientFor(exchange));
    const ours = new Date(CLOCK.getTime() + 3 * 86_400_000 + 7 * 3_600_000);
    // The tool's clock runs on from three days and seven hours after the exchange's.
    const started = Date.now();
    const now = (): Date => new Date(ours.getTime() + (Date.now() - started));
    const audit = memoryAudit();
    const result = await executePlan(
      { tradingDate: '2024-03-15', orders: [anIntent('AAPL', 10, 0), anIntent('MSFT', 5.5, 6.5)], prices: new Map([['AAPL', 194], ['MSFT', 428]]), targets: new Map([['MSFT', 6.5]]) },
      settings({ fillTimeoutMs: 3_000, pollIntervalMs: 50 }),
      { broker, audit, logger: silentLogger, now },
    );
    expect(result.problems).toEqual([]);
    expect(result.status).toBe('complete');
    expect(result.orders.map((o) => `${o.side} ${o.symbol} ${o.status} ${o.filledQty}`)).toEqual(['sell AAPL filled 10', 'buy MSFT filled 1']);
    expect(result.positionsAfter).toEqual([
      { symbol: 'AAPL', qty: 0, targetQty: 0 },
      { symbol: 'MSFT', qty: 6.5, targetQty: 6.5 },
    ]);
    expect(audit.rows.filter((r) => r.event === 'order_filled').map((r) => r.symbol)).toEqual(['AAPL', 'MSFT']);
  });
});
