import type { AuditEvent, AuditRow } from '../audit/audit-trail.js';
import type { BrokerOrder } from '../domain/index.js';

/** The audit event that records an order reaching `status`; undefined for statuses not worth a row. */
export function auditEventForStatus(status: string): AuditEvent | undefined {
  switch (status) {
    case 'new':
    case 'accepted':
    case 'pending_new':
      return 'order_accepted';
    case 'partially_filled':
      return 'order_partially_filled';
    case 'filled':
      return 'order_filled';
    case 'canceled':
      return 'order_canceled';
    case 'rejected':
      return 'order_rejected';
    case 'expired':
    case 'done_for_day':
      return 'order_expired';
    default:
      return undefined;
  }
}

/**
 * The row a change of an order is worth: one per event reached (accepted then new is one 'order_accepted'), and one
 * more per fill that adds to the filled quantity. Undefined when the change is not worth a row.
 */
export function auditEventForChange(order: BrokerOrder, previous: BrokerOrder | undefined): AuditEvent | undefined {
  const event = auditEventForStatus(order.status);
  if (event === undefined || previous === undefined) return event;
  const sameEvent = auditEventForStatus(previous.status) === event;
  return sameEvent && order.filledQty === previous.filledQty ? undefined : event;
}

/** The columns every order row carries: what the broker says of the order now. */
export function orderAuditFields(order: BrokerOrder): Omit<AuditRow, 'event'> {
  return {
    symbol: order.symbol,
    side: order.side,
    qty: order.qty,
    orderType: 'market',
    timeInForce: 'day',
    clientOrderId: order.clientOrderId,
    orderId: order.id,
    status: order.status,
    filledQty: order.filledQty,
    filledAvgPrice: order.filledAvgPrice,
  };
}
