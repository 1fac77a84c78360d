import type { StatusReport } from '../app/status-command.js';
import { exitCodeOf } from './exit-codes.js';

const pct = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
const money = (n: number): string => `${n < 0 ? '-' : ''}$${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const signedPct = (fraction: number): string => `${fraction > 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
// Drift rows worth a line: more than a cent off.
const MATERIAL = 0.01;
const SHOWN_ROWS = 10;
const SHOWN_ORDERS = 20;

/** The human-readable `rebalance status`: a compact block, worst news first. */
export function renderStatus(report: StatusReport): string {
  const code = exitCodeOf(report.outcome);
  const lines = [`Status       ${code === 0 ? 'all right' : 'NOT all right'} (exit ${code})`];
  for (const reason of report.reasons) lines.push(`             - ${reason}`);

  const run = report.lastRun;
  if (run === null) lines.push('Last run     no run recorded yet');
  else {
    const runCode = run.outcome === null ? 'still running or stopped' : `exit ${exitCodeOf(run.outcome)}`;
    lines.push(
      `Last run     ${run.runId}  ${run.finishedAt ?? run.startedAt}  ${run.mode}  kind ${run.kind ?? '-'}  ${run.status} (${runCode})  regime ${run.regime ?? '-'}`,
    );
    if (run.reason !== null) lines.push(`             ${run.reason}`);
    if (run.orders.length > 0) {
      const counts = new Map<string, number>();
      for (const o of run.orders) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
      lines.push(`  orders     ${run.orders.length}: ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}`);
      for (const o of run.orders.slice(0, SHOWN_ORDERS)) {
        const fill = o.filledQty > 0 ? `${o.filledQty}${o.filledAvgPrice !== null ? ` @ ${o.filledAvgPrice.toFixed(2)}` : ''}` : 'none filled';
        lines.push(`    ${o.side.padEnd(4)} ${o.symbol.padEnd(6)} ${String(o.qty ?? '?').padStart(8)}  ${o.status.padEnd(16)} ${fill}`);
      }
      if (run.orders.length > SHOWN_ORDERS) lines.push(`    ... ${run.orders.length - SHOWN_ORDERS} more (--json lists every order)`);
    }
  }

  const r = report.regime;
  const change = r.changed === null ? '' : r.changed ? `; changed since the last run (${r.lastRun})` : '; unchanged since the last run';
  lines.push(`Regime       ${r.today === null ? 'unknown' : `${r.today} (${r.source})`}${change}`);

  if (report.plan !== null) {
    const gates = report.plan.failedGates.length > 0 ? `; failed gates: ${report.plan.failedGates.join(', ')}` : '';
    lines.push(`Plan now     ${report.plan.kind}: ${report.plan.orders} order(s) a run would place (nothing submitted)${gates}${report.plan.note !== null ? `; ${report.plan.note}` : ''}`);
  } else lines.push(`Plan now     unavailable: ${report.planError ?? 'unknown'}`);

  const d = report.drift;
  if (d !== null) {
    lines.push(`Drift        ${pct(d.total)} of equity (${money(d.absValue)} of ${money(d.equity)}); band ${pct(d.band)}: ${report.lastRun === null ? 'not judged before the first run' : d.withinBand ? 'within' : 'EXCEEDED'}`);
    const material = d.rows.filter((row) => Math.abs(row.diffValue) >= MATERIAL);
    for (const row of material.slice(0, SHOWN_ROWS)) {
      const ofTarget = row.pctOfTarget === null ? 'to close' : `${signedPct(row.pctOfTarget)} of target`;
      lines.push(`    ${row.symbol.padEnd(6)} held ${String(row.currentQty).padStart(8)}  target ${String(row.targetQty).padStart(8)}  ${money(row.diffValue).padStart(12)}  ${ofTarget}`);
    }
    if (material.length > SHOWN_ROWS) lines.push(`    ... ${material.length - SHOWN_ROWS} more (--json lists every symbol)`);
    if (material.length === 0) lines.push('             every position at its target');
  }

  const s = report.schedule;
  if (s !== null) lines.push(`Schedule     ${s.kind}: today is ${s.isRebalanceDay ? '' : 'not '}a rebalance day; next ${s.next ?? 'unknown'}`);
  const lock = report.lock;
  const holder = lock.state !== 'free' && lock.holder !== null ? `pid ${lock.holder.pid}, since ${lock.holder.since}` : 'owner unknown';
  lines.push(`Run lock     ${lock.state === 'free' ? 'free' : lock.state === 'held' ? `held (${holder})` : `stale (${holder}; the next run takes it over)`}`);
  lines.push(`Open orders  ${report.openOrders.length === 0 ? "none of the tool's" : `${report.openOrders.length} of the tool's`}`);
  for (const o of report.openOrders) lines.push(`    ${(o.side ?? '-').padEnd(4)} ${o.symbol.padEnd(6)} ${String(o.qty).padStart(8)}  ${o.status}  ${o.clientOrderId}`);
  lines.push(`Audit trail  ${report.auditFile}`);
  return `${lines.join('\n')}\n`;
}
