import { EventEmitter } from 'node:events';

/**
 * One trade_updates event, in Alpaca's wire shape: the order as GET /v2/orders/{id} serves it, plus the
 * execution fields on fills. Emitted by the order engine, sent by the /stream websocket.
 */
export interface TradeUpdateEvent {
  readonly event: 'new' | 'partial_fill' | 'fill' | 'canceled' | 'expired' | 'rejected' | 'pending_new' | 'done_for_day';
  readonly timestamp: string;
  readonly order: Readonly<Record<string, unknown>>;
  readonly execution_id?: string;
  readonly price?: string;
  readonly qty?: string;
  readonly position_qty?: string;
}

/** The exchange's trade-event bus: the order engine emits, stream connections listen. */
export class TradeEventBus extends EventEmitter<{ trade_update: [TradeUpdateEvent] }> {}
