import { describe, expect, it } from 'vitest';
import type { BrokerOrder, OrderStatus } from '../../src/domain/index.js';
import { mergeOrder, OrderTracker, statusRank } from '../../src/execute/order-tracker.js';
import { FakeBroker } from './fake-broker.js';

function anOrder(status: OrderStatus, filledQty = 0, overrides: Partial<BrokerOrder> = {}): BrokerOrder {
  return {
    id: 'order-1',
    clientOrderId: 'rb-20240315-AAPL-s-1a2b3c4d-a1',
    symbol: 'AAPL',
    side: 'sell',
    qty: 10,
    status,
    filledQty,
    filledAvgPrice: filledQty > 0 ? 100 : null,
    submittedAt: '2024-03-15T15:00:00.000Z',
    ...overrides,
  };
}

describe('statusRank', () => {
  it('orders queued < working < partially filled < final', () => {
    const ranks = (['accepted', 'new', 'partially_filled', 'filled'] as const).map(statusRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(4);
    for (const working of ['held', 'pending_cancel', 'suspended', 'unknown:weird'] as const) expect(statusRank(working)).toBe(statusRank('new'));
    for (const final of ['canceled', 'expired', 'rejected', 'replaced', 'done_for_day', 'calculated'] as const) expect(statusRank(final)).toBe(statusRank('filled'));
  });
});

describe('mergeOrder', () => {
  it.each<{ name: string; known: BrokerOrder; report: BrokerOrder; expected: BrokerOrder }>([
    { name: 'a later status is taken', known: anOrder('new'), report: anOrder('partially_filled', 4), expected: anOrder('partially_filled', 4) },
    { name: 'an older status is not', known: anOrder('partially_filled', 4), report: anOrder('new'), expected: anOrder('partially_filled', 4) },
    { name: 'the filled quantity never shrinks', known: anOrder('partially_filled', 6), report: anOrder('partially_filled', 4), expected: anOrder('partially_filled', 6) },
    { name: 'more filled at the same status is taken', known: anOrder('partially_filled', 4), report: anOrder('partially_filled', 6), expected: anOrder('partially_filled', 6) },
    { name: 'a final status never changes', known: anOrder('canceled', 0), report: anOrder('filled', 10), expected: anOrder('canceled', 0) },
    { name: 'a filled order stays filled', known: anOrder('filled', 10), report: anOrder('partially_filled', 4), expected: anOrder('filled', 10) },
    { name: 'a cancel keeps what filled before it', known: anOrder('partially_filled', 4), report: anOrder('canceled', 0), expected: anOrder('canceled', 4) },
  ])('$name', ({ known, report, expected }) => {
    expect(mergeOrder(known, report)).toEqual(expected);
  });

  it('returns the known order itself when a report adds nothing', () => {
    const known = anOrder('partially_filled', 4);
    expect(mergeOrder(known, anOrder('new'))).toBe(known);
  });
});

describe('OrderTracker', () => {
  async function tracked(options: ConstructorParameters<typeof FakeBroker>[0]) {
    const broker = new FakeBroker({ positions: { AAPL: 10 }, autoFill: false, ...options });
    const changes: string[] = [];
    const tracker = new OrderTracker(broker, () => Date.now(), 5, (order) => changes.push(`${order.status} ${order.filledQty}`));
    await tracker.startStream();
    const outcome = await broker.submitOrder({ clientOrderId: 'rb-20240315-AAPL-s-1a2b3c4d-a1', symbol: 'AAPL', side: 'sell', qty: 10, type: 'market', timeInForce: 'day' });
    if (outcome.kind !== 'accepted') throw new Error('not accepted');
    tracker.track(outcome.order);
    return { broker, tracker, changes, id: outcome.order.id };
  }

  it('ignores a poll answered before the stream event it crossed: no step back, no second change', async () => {
    const { broker, tracker, changes, id } = await tracked({ stalePolls: true, scripts: { AAPL: { fillShare: 0.4 } } });
    broker.step(id); // new, on the stream
    broker.step(id); // partially_filled 4, on the stream; a poll still answers 'new'
    await tracker.poll('2024-03-15T14:00:00Z');
    expect(tracker.get(id)).toMatchObject({ status: 'partially_filled', filledQty: 4 });
    expect(changes).toEqual(['accepted 0', 'new 0', 'partially_filled 4']);
  });

  it('learns from polls alone when there is no stream, asking from the given time on the broker\'s clock', async () => {
    const { broker, tracker, changes, id } = await tracked({ stream: false });
    broker.settle(id);
    const stillOpen = await tracker.waitForFinal([id], Date.now() + 1_000, '2024-03-15T14:59:00.000Z');
    expect(stillOpen).toEqual([]);
    expect(changes).toEqual(['accepted 0', 'filled 10']);
    expect(broker.listQueries.at(-1)).toEqual({ status: 'all', after: '2024-03-15T14:59:00.000Z' });
  });

  it('returns the orders still open at the deadline', async () => {
    const { broker, tracker, id } = await tracked({ scripts: { AAPL: { neverFill: true } } });
    broker.settle(id);
    const stillOpen = await tracker.waitForFinal([id], Date.now() + 50, '2024-03-15T14:59:00.000Z');
    expect(stillOpen.map((o) => o.status)).toEqual(['new']);
  });

  it('never lets a stream event step a final order back', async () => {
    const { broker, tracker, changes, id } = await tracked({});
    const filled = broker.settle(id);
    broker.emit('partial_fill', { ...filled, status: 'partially_filled', filledQty: 3 });
    broker.emit('canceled', { ...filled, status: 'canceled' });
    expect(tracker.get(id)).toMatchObject({ status: 'filled', filledQty: 10 });
    expect(changes).toEqual(['accepted 0', 'new 0', 'filled 10']);
  });

  it('never lets a late report change a cancelled order, not even its filled quantity', async () => {
    const { broker, tracker, changes, id } = await tracked({ scripts: { AAPL: { neverFill: true } } });
    broker.settle(id);
    await broker.cancelOrder(id);
    const canceled = tracker.get(id);
    broker.emit('fill', { ...(canceled as BrokerOrder), status: 'filled', filledQty: 10, filledAvgPrice: 100 });
    await tracker.poll('2024-03-15T14:00:00Z');
    expect(tracker.get(id)).toMatchObject({ status: 'canceled', filledQty: 0 });
    expect(changes).toEqual(['accepted 0', 'new 0', 'canceled 0']);
  });
});
