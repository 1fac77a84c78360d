/**
 * The last run in the audit trail: when, which run, how it ended and what it ordered. Pure: the CSV text in,
 * values out (csv-parse reads the RFC 4180 fields; zod checks the columns a status needs).
 */
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { err, ok, type Result } from '../domain/index.js';
import type { Outcome } from '../app/outcome.js';

const TrailRowSchema = z.object({
  timestamp: z.string(),
  run_id: z.string().min(1),
  mode: z.string(),
  event: z.string().min(1),
  symbol: z.string().default(''),
  side: z.string().default(''),
  qty: z.string().default(''),
  client_order_id: z.string().default(''),
  status: z.string().default(''),
  filled_qty: z.string().default(''),
  filled_avg_price: z.string().default(''),
  reason: z.string().default(''),
  regime: z.string().default(''),
  // Trails written before exposure runs have no run_kind column.
  run_kind: z.string().default(''),
});

export type TrailRow = z.infer<typeof TrailRowSchema>;

/** How a run ended: run_finished's status, "failed" for run_failed, "unfinished" when neither row is there yet. */
export type LastRunStatus = 'complete' | 'incomplete' | 'skipped' | 'blocked' | 'planned' | 'no change' | 'failed' | 'unfinished';

export interface LastRunOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: string;
  readonly qty: number | null;
  /** The broker status of the order's last recorded row. */
  readonly status: string;
  readonly filledQty: number;
  readonly filledAvgPrice: number | null;
}

export interface LastRun {
  readonly runId: string;
  readonly mode: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** run_kind on the run's last row: selection, exposure or none; null when the run did not record one. */
  readonly kind: string | null;
  readonly status: LastRunStatus;
  readonly reason: string | null;
  /** A validation gate failed (gate_failed rows): the run was blocked before submitting anything. */
  readonly gateFailed: boolean;
  /** The outcome the run exited with, as far as the trail tells; null while it has not finished. */
  readonly outcome: Outcome | null;
  readonly regime: string | null;
  readonly orders: readonly LastRunOrder[];
}

/** Parses a whole trail file's text; a file that is not an audit trail is an error naming why. */
export function parseTrail(text: string): Result<readonly TrailRow[]> {
  let records: unknown[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as unknown[];
  } catch (error) {
    return err([`not a readable CSV: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const rows: TrailRow[] = [];
  for (const [index, record] of records.entries()) {
    const parsed = TrailRowSchema.safeParse(record);
    // Line numbers count the header as line 1 (rows holding line breaks in a reason would shift them; rare).
    if (!parsed.success) return err([`row ${index + 2}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`]);
    rows.push(parsed.data);
  }
  return ok(rows);
}

const FINISHED = new Set<string>(['complete', 'incomplete', 'skipped', 'blocked', 'planned', 'no change']);

/** The run of the trail's last row, with its rows gathered; undefined for a trail without runs. */
export function lastRunOf(rows: readonly TrailRow[]): LastRun | undefined {
  const last = rows.at(-1);
  if (last === undefined) return undefined;
  const own = rows.filter((r) => r.run_id === last.run_id);
  const failed = own.findLast((r) => r.event === 'run_failed');
  const finished = own.findLast((r) => r.event === 'run_finished');
  const gateFailed = own.some((r) => r.event === 'gate_failed');
  const status: LastRunStatus =
    failed !== undefined ? 'failed' : finished !== undefined && FINISHED.has(finished.status) ? (finished.status as LastRunStatus) : 'unfinished';
  const end = failed ?? finished;
  const regime = own.findLast((r) => r.regime !== '')?.regime ?? null;
  return {
    runId: last.run_id,
    mode: own[0]?.mode ?? last.mode,
    startedAt: own[0]?.timestamp ?? last.timestamp,
    finishedAt: end?.timestamp ?? null,
    kind: own.findLast((r) => r.run_kind !== '')?.run_kind ?? null,
    status,
    reason: end !== undefined && end.reason !== '' ? end.reason : null,
    gateFailed,
    outcome: outcomeOfRun(status, gateFailed),
    regime,
    orders: ordersOf(own),
  };
}

/** complete, planned, no change: ok; incomplete; skipped or blocked (a failed gate: gateFailed); failed: unexpected. */
export function outcomeOfRun(status: LastRunStatus, gateFailed: boolean): Outcome | null {
  switch (status) {
    case 'complete':
    case 'planned':
    case 'no change':
      return gateFailed ? 'gateFailed' : 'ok';
    case 'incomplete':
      return 'incomplete';
    case 'skipped':
    case 'blocked':
      return gateFailed ? 'gateFailed' : 'skipped';
    case 'failed':
      return 'unexpected';
    case 'unfinished':
      return null;
  }
}

/** Each order of the run by client order id, in the order first seen: requested qty, last status and fill. */
function ordersOf(rows: readonly TrailRow[]): LastRunOrder[] {
  const orders = new Map<string, LastRunOrder>();
  for (const row of rows) {
    if (row.client_order_id === '' || !(row.event.startsWith('order_') || row.event === 'fill_timeout')) continue;
    const before = orders.get(row.client_order_id);
    const filledQty = numberOrNull(row.filled_qty);
    orders.set(row.client_order_id, {
      clientOrderId: row.client_order_id,
      symbol: row.symbol !== '' ? row.symbol : (before?.symbol ?? ''),
      side: row.side !== '' ? row.side : (before?.side ?? ''),
      // The submitted row holds the quantity asked for; later rows repeat the broker's.
      qty: before?.qty ?? numberOrNull(row.qty),
      status: row.status !== '' ? row.status : row.event === 'order_submitted' ? 'submitted' : (before?.status ?? ''),
      filledQty: filledQty ?? before?.filledQty ?? 0,
      filledAvgPrice: numberOrNull(row.filled_avg_price) ?? before?.filledAvgPrice ?? null,
    });
  }
  return [...orders.values()];
}

function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
