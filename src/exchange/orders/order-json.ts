import { formatPrice, formatQty } from '../json/decimal.js';
import type { StoredOrder } from './types.js';

const price = (value: number | null): string | null => (value === null ? null : formatPrice(value));
const amount = (value: number | null): string | null => (value === null ? null : formatQty(value));

/**
 * Alpaca's Order model for a simple US-equity order: amounts as decimal strings, null where a field does not
 * apply, order_class "" and the deprecated order_type mirroring type, as Alpaca still sends them.
 */
export function orderJson(o: StoredOrder): Record<string, unknown> {
  return {
    id: o.id,
    client_order_id: o.clientOrderId,
    created_at: o.submittedAt,
    updated_at: o.updatedAt,
    submitted_at: o.submittedAt,
    filled_at: o.filledAt,
    expired_at: o.expiredAt,
    canceled_at: o.canceledAt,
    failed_at: o.failedAt,
    replaced_at: null,
    replaced_by: null,
    replaces: null,
    asset_id: o.assetId,
    symbol: o.symbol,
    asset_class: 'us_equity',
    notional: amount(o.notional),
    qty: amount(o.qty),
    filled_qty: formatQty(o.filledQty),
    filled_avg_price: price(o.filledAvgPrice),
    order_class: '',
    order_type: o.type,
    type: o.type,
    side: o.side,
    position_intent: o.positionIntent,
    time_in_force: o.timeInForce,
    limit_price: price(o.limitPrice),
    stop_price: null,
    status: o.status,
    extended_hours: o.extendedHours,
    legs: null,
    trail_percent: null,
    trail_price: null,
    hwm: null,
    expires_at: o.expiresAt,
    ratio_qty: null,
    source: null,
    subtag: null,
  };
}
