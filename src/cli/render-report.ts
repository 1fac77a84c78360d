import { sameQty } from '../domain/quantity.js';
import type { RunReport } from '../app/report.js';

const money = (n: number): string =>
  n.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const qty = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(6).replace(/0+$/, ''));
const pct = (n: number): string => `${n.toFixed(2)}%`;

const RULE_TEXT: Readonly<Record<RunReport['withinBand'][number]['rule'], string>> = {
  minOrderValue: 'under sizing.minOrderValue',
  driftBand: "under sizing.driftBand of the target's value",
};

/** The human-readable run report. */
export function renderReport(report: RunReport & { readonly exitCode: number }): string {
  const lines: string[] = [];
  const title =
    report.mode === 'dry-run' ? 'Rebalance plan (dry run: nothing is submitted)' : `Rebalance (${report.mode === 'live' ? 'LIVE account' : report.mode === 'paper' ? 'Alpaca paper' : 'local exchange'})`;
  lines.push(title, '='.repeat(title.length));
  lines.push(`Broker     ${report.brokerDetail}`);
  if (report.approval !== undefined && report.approval.differences.length === 0 && report.mode === 'dry-run') lines.push(`Plan       written to ${report.approval.planFile} for approval (rebalance --plan ${report.approval.planFile})`);
  if (report.approval !== undefined && report.approval.differences.length > 0) {
    lines.push(`Plan       DIFFERS from the approved plan ${report.approval.planFile}; nothing submitted:`);
    for (const d of report.approval.differences) lines.push(`             - ${d}`);
  }
  if (report.kind === 'exposure') lines.push('Kind       exposure: the held names scaled to the regime between rebalance days (exposure.policy "regime")');
  lines.push(`As of      ${report.asOf}  (market ${report.market.isOpen ? 'open' : 'closed'}; next open ${report.market.nextOpen})`);
  lines.push(`Regime     ${report.regime.name} (${pct(report.regime.allocation * 100)} invested; ${report.regime.source})`);
  if (report.regime.current !== undefined) lines.push(`           ${report.regime.current.vixSource}`);
  lines.push(`Account    equity ${money(report.account.equity)}   cash ${money(report.account.cash)}   buying power ${money(report.account.buyingPower)}`);
  lines.push(`Universe   ${report.universe.name} (${report.universe.size} symbols), top ${report.topN}, sizing ${report.sizingMode}`);
  const s = report.schedule;
  lines.push(`Schedule   ${s.kind}: today is ${s.isRebalanceDay ? '' : 'not '}a rebalance day; next ${s.next ?? 'unknown'}`);
  const data = report.data;
  lines.push(`Data       ${data.feed} feed, ${data.adjustment}-adjusted: ${data.symbols} symbols, ${data.bars} bars, ${data.requests} requests, cache ${data.cache}${data.cache === 'on' ? ` (${data.cacheHits} hits)` : ''}`);
  if (data.feedFallback !== undefined) lines.push(`           ! ${data.feedFallback}`);
  if (report.settled.found > 0) {
    lines.push(`Settled    ${report.settled.found} open order(s) of an earlier run (${report.settled.canceled} cancelled)`);
  }

  lines.push('', `Picks (${report.picks.length})`);
  lines.push(...table(['#', 'symbol', 'momentum', 'price', '52w high'],
    report.picks.map((p) => [String(p.rank), p.symbol, p.momentum.toFixed(4), money(p.price), money(p.high52w)])));
  if (report.excluded.length > 0) {
    lines.push('', `Excluded (${report.excluded.length})`);
    for (const e of report.excluded) lines.push(`  ${e.symbol.padEnd(6)} ${e.reason}`);
  }

  lines.push('', budgetLine(report.budget));
  lines.push('Targets');
  lines.push(...table(['symbol', 'qty', 'price', 'value'],
    report.targets.map((t) => [t.symbol, qty(t.qty), money(t.price), money(t.value)])));

  const { unmanaged } = report;
  if (unmanaged.positions.length > 0 || unmanaged.openOrders.length > 0) {
    lines.push('', 'Unmanaged (not plain US stocks: counted in equity, never ordered)');
    lines.push(...unmanaged.positions.map((p) => `  ${p.symbol.padEnd(20)} ${p.assetClass.padEnd(10)} qty ${qty(p.qty)}  value ${money(p.marketValue)}`));
    lines.push(...unmanaged.openOrders.map((o) =>
      `  open order ${o.id} (${o.assetClass === '' || o.assetClass === 'unknown:' ? 'multileg/other' : o.assetClass}${o.symbol === '' ? '' : ` ${o.side ?? ''} ${o.symbol}`}, ${o.status}): left alone`));
  }

  for (const phase of [1, 2] as const) {
    const orders = report.orders.filter((o) => o.phase === phase);
    lines.push('', `Phase ${phase}: ${phase === 1 ? 'SELL' : 'BUY'} (${orders.length} order${orders.length === 1 ? '' : 's'})`);
    lines.push(...table(['action', 'side', 'symbol', 'qty', 'from', 'to', 'why'],
      orders.map((o) => [o.action, o.side, o.symbol, qty(o.qty), qty(o.fromQty), qty(o.toQty), o.reason])));
  }

  if (report.withinBand.length > 0) {
    lines.push('', `Within band (not sent: ${report.withinBand.length} adjust${report.withinBand.length === 1 ? '' : 's'} too small to be worth an order)`);
    lines.push(...table(['symbol', 'from', 'to', 'value', 'rule'],
      report.withinBand.map((w) => [w.symbol, qty(w.fromQty), qty(w.toQty), money(w.value), RULE_TEXT[w.rule]])));
  }

  lines.push('', 'Validation');
  for (const gate of report.validation.gates) {
    lines.push(`  ${gate.status.toUpperCase().padEnd(4)} ${gate.id} ${gate.name}`);
    for (const message of gate.messages) lines.push(`         ${message}`);
  }

  if (report.execution !== null) lines.push(...renderExecution(report.execution));

  const d = report.deployment;
  if (d.heldAfter === null) {
    lines.push('', `Deployment ${money(d.plannedValue)} of ${money(d.targetValue)} target (${pct(d.pctOfTarget)} of target, ${pct(d.pctOfEquity)} of equity)`);
  } else {
    // After an execution, what is held is what counts: an incomplete run bought less than it planned.
    const h = d.heldAfter;
    lines.push('', `Deployment ${money(h.value)} held of ${money(d.targetValue)} target after the run (${pct(h.pctOfTarget)} of target, ${pct(h.pctOfEquity)} of equity); planned ${money(d.plannedValue)} (${pct(d.pctOfTarget)})`);
  }
  lines.push(`Result     ${verdict(report)}`);
  lines.push(`Audit      ${report.auditFile} (run ${report.runId})`);
  return `${lines.join('\n')}\n`;
}

/** Where the sizing budget comes from, in one line: allocation, less what stays held, capped for the buys. */
function budgetLine(b: RunReport['budget']): string {
  const kept = b.untouched.map((h) => `${h.symbol} ${h.reason}`).join(', ');
  const less = b.untouchedValue > 0 ? ` − ${money(b.untouchedValue)} left untouched (${kept})` : '';
  const capped = b.budget < b.allocated - b.untouchedValue - 0.005 && b.budget === b.buyRoom
    ? `, capped at ${money(b.buyRoom)} so the buys fit the buying-power reserve and the market-buy collar` : '';
  return `Budget     ${money(b.allocated)} allocated${less}${capped}: ${money(b.budget)} to size the picks with`;
}

function verdict(report: RunReport & { readonly exitCode: number }): string {
  if (!report.validation.passed) return `plan BLOCKED by a failed gate: nothing submitted (exit ${report.exitCode})`;
  if (report.execution === null) return 'plan valid';
  if (report.execution.status === 'complete') return 'complete: every order filled, positions at target';
  return `${report.execution.status.toUpperCase()}: ${report.execution.reason ?? ''} (exit ${report.exitCode})`;
}

function renderExecution(execution: NonNullable<RunReport['execution']>): string[] {
  const lines = ['', `Execution  ${execution.status}${execution.reason !== null ? `: ${execution.reason}` : ''}`];
  lines.push(...table(['phase', 'side', 'symbol', 'qty', 'status', 'filled', 'avg price', 'client order id'],
    execution.orders.map((o) => [String(o.phase), o.side, o.symbol, qty(o.qty), o.status, qty(o.filledQty),
      o.filledAvgPrice === null ? '-' : money(o.filledAvgPrice), o.clientOrderId])));
  if (execution.positionsAfter.length > 0) {
    lines.push('', 'Positions after');
    lines.push(...table(['symbol', 'qty', 'target', ''],
      execution.positionsAfter.map((p) => [p.symbol, qty(p.qty), qty(p.targetQty), sameQty(p.qty, p.targetQty) ? 'ok' : 'SHORT'])));
  }
  for (const problem of execution.problems) lines.push(`  ! ${problem}`);
  return lines;
}

/** Columns padded to their widest cell, two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  if (rows.length === 0) return ['  (none)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}
