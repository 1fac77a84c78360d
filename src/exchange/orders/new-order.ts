import { randomUUID } from 'node:crypto';
import { expiryOf } from './market-hours.js';
import type { OrderRequest, StoredOrder } from './types.js';

/** A just-accepted order: nothing filled, queued ("accepted") until the engine routes it. */
export function newOrder(request: OrderRequest, assetId: string, seq: number, at: Date): StoredOrder {
  const submittedAt = at.toISOString();
  return {
    id: randomUUID(),
    // Alpaca makes one up when the client sends none.
    clientOrderId: request.clientOrderId ?? randomUUID(),
    seq,
    symbol: request.symbol,
    assetId,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    qty: request.qty,
    notional: request.notional,
    limitPrice: request.limitPrice,
    extendedHours: request.extendedHours,
    positionIntent: request.positionIntent ?? (request.side === 'buy' ? 'buy_to_open' : 'sell_to_close'),
    status: 'accepted',
    filledQty: 0,
    filledAvgPrice: null,
    resting: false,
    submittedAt,
    updatedAt: submittedAt,
    filledAt: null,
    canceledAt: null,
    expiredAt: null,
    failedAt: null,
    expiresAt: expiryOf(at, request.timeInForce).toISOString(),
  };
}
