import type { AuditTrail } from '../audit/audit-trail.js';
import type { Broker } from '../broker/port.js';
import type { BrokerOrder } from '../domain/index.js';
import { auditEventForChange, orderAuditFields } from './audit-events.js';
import { cancelOrReread } from './cancel-or-reread.js';
import { isOwnOrder, tradingDateOf } from './client-order-id.js';
import { OrderTracker } from './order-tracker.js';

export interface SettleResult {
  /** The tool's own orders that were still open when the run began. */
  readonly found: readonly BrokerOrder[];
  /** Those that had to be cancelled (not final within the fill timeout, or from an earlier day). */
  readonly canceled: readonly BrokerOrder[];
}

/**
 * Before planning, a rerun lets the tool's own open orders from earlier runs of the same trading day finish (up to the
 * fill timeout) and cancels what is left, so the new plan starts from settled positions and nothing is ordered twice.
 * Orders the tool did not place are left alone: gate 1 fails a plan that touches their symbols.
 */
export async function settleLeftovers(
  deps: { readonly broker: Broker; readonly audit: AuditTrail; readonly now: () => Date },
  settings: { readonly fillTimeoutMs: number; readonly pollIntervalMs: number },
  tradingDate: string,
): Promise<SettleResult> {
  const open = (await deps.broker.listOrders({ status: 'open' })).filter((o) => isOwnOrder(o.clientOrderId));
  if (open.length === 0) return { found: [], canceled: [] };
  const record = (order: BrokerOrder, previous: BrokerOrder | undefined, reason?: string): void => {
    const event = auditEventForChange(order, previous);
    if (event === undefined) return;
    deps.audit.record({ ...orderAuditFields(order), event, reason: reason ?? 'left open by an earlier run' });
  };
  const tracker = new OrderTracker(deps.broker, () => deps.now().getTime(), settings.pollIntervalMs, (order, previous) => record(order, previous));
  const since = new Date(Math.min(...open.map((o) => Date.parse(o.submittedAt))) - 60_000).toISOString();
  const today = open.filter((o) => tradingDateOf(o.clientOrderId) === tradingDate);
  const stale = open.filter((o) => tradingDateOf(o.clientOrderId) !== tradingDate);
  try {
    await tracker.startStream();
    for (const order of open) tracker.track(order);
    const stillOpen = await tracker.waitForFinal(today.map((o) => o.id), deps.now().getTime() + settings.fillTimeoutMs, since);
    const toCancel = [...stale, ...stillOpen];
    for (const order of toCancel) {
      deps.audit.record({
        event: 'fill_timeout',
        symbol: order.symbol,
        side: order.side,
        clientOrderId: order.clientOrderId,
        orderId: order.id,
        status: order.status,
        reason: stale.includes(order) ? 'open order from an earlier trading day: cancelling' : 'left open by an earlier run and not filled in time: cancelling',
      });
      await cancelOrReread(deps.broker, tracker, order, (why) =>
        deps.audit.record({ ...orderAuditFields(tracker.get(order.id) ?? order), event: 'fill_timeout', reason: `cancel ${order.side} ${order.symbol}: ${why}` }),
      );
    }
    await tracker.waitForFinal(toCancel.map((o) => o.id), deps.now().getTime() + Math.max(10_000, settings.pollIntervalMs * 3), since);
    return { found: open, canceled: toCancel };
  } finally {
    await tracker.stop();
  }
}
