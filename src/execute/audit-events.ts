import type { AuditEvent } from '../audit/audit-trail.js';

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
