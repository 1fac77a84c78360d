import { BrokerError, type Broker } from '../broker/port.js';
import type { BrokerOrder } from '../domain/index.js';
import type { OrderTracker } from './order-tracker.js';

/**
 * Asks to cancel. Alpaca answers 422 for an order that is "no longer cancelable" (trading spec, DELETE /v2/orders/{order_id}),
 * e.g. one it is filling or has just finished:
 * that is no failure of the run, so the order is read again and tracked on; the wait that follows sees how it ends.
 */
export async function cancelOrReread(broker: Broker, tracker: OrderTracker, order: BrokerOrder, onProblem: (why: string) => void): Promise<void> {
  try {
    await broker.cancelOrder(order.id);
  } catch (error) {
    if (!(error instanceof BrokerError) || error.kind !== 'rejected') throw error;
    const reread = await broker.getOrder(order.id).catch((e: unknown) => {
      if (e instanceof BrokerError) return undefined;
      throw e;
    });
    if (reread !== undefined) tracker.track(reread);
    onProblem(`the broker refused to cancel (${error.message}); now ${reread?.status ?? 'unknown'}, filled ${reread?.filledQty ?? '?'} of ${order.qty}`);
  }
}
