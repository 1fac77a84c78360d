import { describe, expect, it } from 'vitest';
import type { BrokerOrder } from '../../src/domain/index.js';
import { settleLeftovers } from '../../src/execute/settle-leftovers.js';
import { FakeBroker, type FakeBrokerOptions } from './fake-broker.js';
import { memoryAudit } from './harness.js';

const TODAY = '2024-03-15';

/** Places an order of an earlier run directly at the fake broker, left working. */
async function leftOver(broker: FakeBroker, symbol: string, clientOrderId: string): Promise<BrokerOrder> {
  const outcome = await broker.submitOrder({ clientOrderId, symbol, side: 'sell', qty: 10, type: 'market', timeInForce: 'day' });
  if (outcome.kind !== 'accepted') throw new Error('not accepted');
  return broker.step(outcome.order.id);
}

async function settle(options: FakeBrokerOptions, place: (broker: FakeBroker) => Promise<unknown>, fillTimeoutMs = 0) {
  const broker = new FakeBroker({ positions: { AAPL: 10, INTC: 10, MSFT: 10 }, autoFill: false, ...options });
  await place(broker);
  const audit = memoryAudit();
  const result = await settleLeftovers({ broker, audit, now: () => new Date() }, { fillTimeoutMs, pollIntervalMs: 5 }, TODAY);
  return { broker, result, rows: audit.rows };
}

describe('settleLeftovers', () => {
  it('cancels the tool\'s own open orders and leaves other people\'s alone', async () => {
    const { broker, result } = await settle({ scripts: { AAPL: { neverFill: true }, MSFT: { neverFill: true } } }, async (b) => {
      await leftOver(b, 'AAPL', 'rb-20240315-AAPL-s-1a2b3c4d-a1');
      await leftOver(b, 'MSFT', 'my-own-manual-order');
    });
    expect(result.found.map((o) => o.symbol)).toEqual(['AAPL']);
    expect(result.canceled.map((o) => o.symbol)).toEqual(['AAPL']);
    expect([...broker.orders.values()].map((o) => `${o.symbol} ${o.status}`)).toEqual(['AAPL canceled', 'MSFT new']);
  });

  it('carries on when cancelling is refused because the order is being filled: reads it again and records it', async () => {
    const { broker, result, rows } = await settle({ scripts: { INTC: { neverFill: true, cancelRefusedWhileFilling: true } } }, (b) =>
      leftOver(b, 'INTC', 'rb-20240315-INTC-s-1a2b3c4d-a1'),
    );
    expect(result.canceled.map((o) => o.symbol)).toEqual(['INTC']);
    expect(broker.held('INTC')).toBe(0);
    expect(rows.some((r) => r.event === 'fill_timeout' && /refused to cancel .*now filled, filled 10 of 10/.test(r.reason ?? ''))).toBe(true);
    expect(rows.filter((r) => r.event === 'order_filled').map((r) => r.symbol)).toEqual(['INTC']);
  });

  it('lets today\'s orders fill within the timeout before cancelling anything', async () => {
    let id = '';
    const { result, rows } = await settle(
      {},
      async (b) => {
        id = (await leftOver(b, 'AAPL', 'rb-20240315-AAPL-s-1a2b3c4d-a1')).id;
        setTimeout(() => b.settle(id), 20);
      },
      2_000,
    );
    expect(result.canceled).toEqual([]);
    expect(rows.map((r) => r.event)).toEqual(['order_accepted', 'order_filled']);
  });
});
