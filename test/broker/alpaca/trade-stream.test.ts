import { describe, expect, it } from 'vitest';
import { deduplicatedUpdates } from '../../../src/broker/alpaca/trade-stream.js';
import type { TradeUpdate } from '../../../src/domain/index.js';

/** An order as the SDK hands it over on the stream: camelCase, decimals as strings, times as Dates. */
function sdkOrder(filledQty: string, status: string) {
  return {
    id: 'order-1',
    clientOrderId: 'rb-1',
    symbol: 'AAPL',
    side: 'buy',
    qty: '10',
    status,
    filledQty,
    filledAvgPrice: filledQty === '0' ? undefined : '190.5',
    submittedAt: new Date('2024-03-15T15:00:00Z'),
  };
}

describe('deduplicatedUpdates', () => {
  it('passes each distinct event once, as domain values', () => {
    const received: TradeUpdate[] = [];
    const handle = deduplicatedUpdates((u) => received.push(u));
    handle({ event: 'new', order: sdkOrder('0', 'new') });
    handle({ event: 'partial_fill', order: sdkOrder('4', 'partially_filled'), executionId: 'x1' });
    handle({ event: 'partial_fill', order: sdkOrder('7', 'partially_filled'), executionId: 'x2' });
    handle({ event: 'fill', order: sdkOrder('10', 'filled'), executionId: 'x3' });
    expect(received.map((u) => [u.event, u.order.filledQty])).toEqual([
      ['new', 0],
      ['partial_fill', 4],
      ['partial_fill', 7],
      ['fill', 10],
    ]);
    expect(received[3]?.order).toEqual({
      id: 'order-1',
      clientOrderId: 'rb-1',
      symbol: 'AAPL',
      side: 'buy',
      qty: 10,
      status: 'filled',
      filledQty: 10,
      filledAvgPrice: 190.5,
      submittedAt: '2024-03-15T15:00:00.000Z',
    });
  });

  it('drops an event seen before: same order, event and execution id', () => {
    const received: TradeUpdate[] = [];
    const handle = deduplicatedUpdates((u) => received.push(u));
    handle({ event: 'new', order: sdkOrder('0', 'new') });
    handle({ event: 'new', order: sdkOrder('0', 'new') });
    handle({ event: 'fill', order: sdkOrder('10', 'filled'), executionId: 'x3' });
    handle({ event: 'fill', order: sdkOrder('10', 'filled'), executionId: 'x3' });
    expect(received.map((u) => u.event)).toEqual(['new', 'fill']);
  });

  it('passes an update whose status it does not know as unknown:<text>, so the order is neither lost nor taken for new', () => {
    const received: TradeUpdate[] = [];
    const handle = deduplicatedUpdates((u) => received.push(u));
    handle({ event: 'held', order: sdkOrder('0', 'held') });
    handle({ event: 'pending_review', order: sdkOrder('0', 'pending_review') });
    expect(received.map((u) => [u.event, u.order.status])).toEqual([
      ['held', 'held'],
      ['pending_review', 'unknown:pending_review'],
    ]);
  });

  it('skips an update whose order is malformed instead of throwing inside the socket handler', () => {
    const received: TradeUpdate[] = [];
    const handle = deduplicatedUpdates((u) => received.push(u));
    handle({ event: 'fill', order: { id: 'order-1' }, executionId: 'x' });
    expect(received).toEqual([]);
  });
});
