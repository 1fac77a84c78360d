import { qtyText } from '../domain/quantity.js';
/** The audit trail's columns and how one row becomes CSV fields. Pure. */
import { newYorkFileStamp, newYorkIso } from '../time/new-york.js';

export const AUDIT_COLUMNS = [
  'timestamp',
  'run_id',
  'mode',
  'event',
  'phase',
  'symbol',
  'side',
  'qty',
  'order_type',
  'time_in_force',
  'client_order_id',
  'order_id',
  'status',
  'filled_qty',
  'filled_avg_price',
  'gate',
  'reason',
  'regime',
  'equity',
  'run_kind',
] as const;

export type AuditEvent =
  | 'run_started'
  | 'plan_validated'
  | 'gate_failed'
  | 'order_submitted'
  | 'order_accepted'
  | 'order_partially_filled'
  | 'order_filled'
  | 'order_canceled'
  | 'order_rejected'
  | 'order_expired'
  | 'fill_timeout'
  | 'buys_resized'
  | 'position_checked'
  | 'run_finished'
  | 'run_failed'
  /** A webhook was not told about the run (after retries); written after the run's last row, same run id. */
  | 'notify_failed';

export interface AuditRow {
  readonly event: AuditEvent;
  readonly phase?: 1 | 2;
  readonly symbol?: string;
  readonly side?: 'buy' | 'sell';
  readonly qty?: number;
  readonly orderType?: string;
  readonly timeInForce?: string;
  readonly clientOrderId?: string;
  readonly orderId?: string;
  readonly status?: string;
  readonly filledQty?: number;
  readonly filledAvgPrice?: number | null;
  readonly gate?: string;
  readonly reason?: string;
  readonly regime?: string;
  readonly equity?: number;
  /** selection (a rebalance day), exposure (a regime change between them) or none; on the run's last row. */
  readonly runKind?: 'selection' | 'exposure' | 'none';
}

export type AuditMode = 'dry-run' | 'local' | 'paper' | 'live';

/** ISO 8601 in New York time with milliseconds and offset, e.g. 2025-11-20T15:45:01.123-05:00. */
export function newYorkTimestamp(at: Date): string {
  return newYorkIso(at, 'always');
}

export { newYorkFileStamp };

/** Quantities carry at most 9 decimals; rounding there removes float artefacts like 0.30000000000000004. */
export function formatQty(qty: number | undefined): string {
  if (qty === undefined) return '';
  return Number.isFinite(qty) ? qtyText(qty) : String(qty);
}

/** Money is written as given: the trail records what the broker or the plan said, not a rounding of it. */
function formatMoney(amount: number | null | undefined): string {
  return amount === undefined || amount === null ? '' : String(amount);
}

/** The row's fields in AUDIT_COLUMNS order; absent fields are empty strings. */
export function auditFields(row: AuditRow, timestamp: string, runId: string, mode: AuditMode): readonly string[] {
  return [
    timestamp,
    runId,
    mode,
    row.event,
    row.phase === undefined ? '' : String(row.phase),
    row.symbol ?? '',
    row.side ?? '',
    formatQty(row.qty),
    row.orderType ?? '',
    row.timeInForce ?? '',
    row.clientOrderId ?? '',
    row.orderId ?? '',
    row.status ?? '',
    formatQty(row.filledQty),
    formatMoney(row.filledAvgPrice),
    row.gate ?? '',
    row.reason ?? '',
    row.regime ?? '',
    formatMoney(row.equity),
    row.runKind ?? '',
  ];
}
