/**
 * --report-html FILE: one run on one page a person can look at, in the backtest report's style: the regime and its
 * inputs, the picks and their momentum, the orders by phase with their fills, the gates, and the drift from the
 * targets before and after. Pure: the run report in, the HTML out.
 */
import type { RunReport } from '../app/report.js';
import { dollars, escapeHtml as esc, percent } from '../backtest/report/format.js';
import { renderChartSvg, type ChartOption } from '../charts/render-svg.js';
import { chart, page, row, table } from './page.js';

export interface DriftRow {
  readonly symbol: string;
  readonly price: number;
  readonly targetQty: number;
  readonly beforeQty: number;
  /** After execution; null for a dry run (nothing changed) or when the run stopped before it. */
  readonly afterQty: number | null;
}

/** Every symbol the plan stands for: its target, what was held before and, after an execution, what is held. */
export function driftRows(report: RunReport): DriftRow[] {
  const rows = new Map<string, { price: number; targetQty: number; beforeQty: number }>();
  for (const t of report.targets) rows.set(t.symbol, { price: t.price, targetQty: t.qty, beforeQty: 0 });
  for (const o of report.orders) {
    const known = rows.get(o.symbol);
    const price = known?.price ?? report.holdings.find((h) => h.symbol === o.symbol)?.price ?? report.picks.find((p) => p.symbol === o.symbol)?.price ?? 0;
    rows.set(o.symbol, { price, targetQty: o.toQty, beforeQty: o.fromQty });
  }
  // A target without an order was already held at its quantity.
  for (const [symbol, r] of rows) if (!report.orders.some((o) => o.symbol === symbol)) rows.set(symbol, { ...r, beforeQty: r.targetQty });
  const after = report.execution === null ? undefined : new Map(report.execution.positionsAfter.map((p) => [p.symbol, p.qty]));
  return [...rows]
    .map(([symbol, r]) => ({ symbol, ...r, afterQty: after === undefined || after.size === 0 ? null : (after.get(symbol) ?? 0) }))
    .sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
}

const driftValue = (qty: number, d: DriftRow): number => Math.abs(qty - d.targetQty) * d.price;

function holdingsChart(rows: readonly DriftRow[]): ChartOption {
  const series = [
    { name: 'before', colour: '#9e9e9e', values: rows.map((r) => r.beforeQty * r.price) },
    { name: 'target', colour: '#1565c0', values: rows.map((r) => r.targetQty * r.price) },
    ...(rows.some((r) => r.afterQty !== null) ? [{ name: 'after', colour: '#2e7d32', values: rows.map((r) => (r.afterQty ?? 0) * r.price) }] : []),
  ];
  return {
    legend: { left: 72, top: 6, icon: 'rect', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 72, right: 24, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: rows.map((r) => r.symbol), axisLabel: { fontSize: 11, interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `$${Math.round(v / 1000)}k` } },
    series: series.map((s) => ({ type: 'bar' as const, name: s.name, data: s.values, itemStyle: { color: s.colour } })),
  };
}

function momentumChart(report: RunReport): ChartOption {
  return {
    grid: { left: 72, right: 24, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: report.picks.map((p) => p.symbol), axisLabel: { fontSize: 11, interval: 0 } },
    yAxis: { type: 'value', min: (v: { min: number }) => Math.floor(v.min * 20) / 20, max: 1, axisLabel: { formatter: (v: number) => v.toFixed(2) } },
    series: [{ type: 'bar', name: 'momentum', data: report.picks.map((p) => p.momentum), itemStyle: { color: '#1565c0' } }],
  };
}

const qty = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(6).replace(/0+$/, ''));
const money = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function renderRunReportHtml(report: RunReport & { readonly exitCode: number }, meaning: string): string {
  const title = `Rebalance ${report.mode === 'dry-run' ? 'plan (dry run)' : `run (${report.mode})`}, ${report.asOf}`;
  return page(title, [`<h1>${esc(title)}</h1>`, ...runReportSections(report, meaning)]);
}

/** The run's sections, without its title: the status page puts them under its own. */
export function runReportSections(report: RunReport & { readonly exitCode: number }, meaning: string): string[] {
  const rows = driftRows(report);
  const equity = report.account.equity;
  const totalBefore = rows.reduce((s, r) => s + driftValue(r.beforeQty, r), 0);
  const totalAfter = rows.every((r) => r.afterQty === null) ? null : rows.reduce((s, r) => s + driftValue(r.afterQty ?? 0, r), 0);
  const fills = new Map((report.execution?.orders ?? []).map((o) => [`${o.side} ${o.symbol}`, o]));
  const current = report.regime.current;
  return [
    `<p class="note">${esc(`${report.brokerDetail} · kind ${report.kind} · run ${report.runId} · exit ${report.exitCode}: ${meaning}`)}</p>`,
    ...(report.execution?.reason ? [`<p><strong>Execution ${esc(report.execution.status)}:</strong> ${esc(report.execution.reason)}</p>`] : []),
    ...(report.execution !== null && report.execution.problems.length > 0 ? [`<ul>${report.execution.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`] : []),
    '<section><h2>Regime</h2>',
    `<p>${esc(`${report.regime.name}: ${percent(report.regime.allocation)} of equity invested (${report.regime.source === 'override' ? 'forced with --regime' : 'the detector'})`)}</p>`,
    current === undefined
      ? ''
      : table(
          ['input', 'value'],
          [
            row(['day classified', current.date]),
            row(['jump model state', String(current.jm ?? '—')]),
            row(['trend (close over 50- and 200-day averages)', current.trendUp === null ? '—' : current.trendUp ? 'up' : 'down']),
            row(['VIX', current.vix === null ? '—' : current.vix.toFixed(2)]),
            row(['crash triggers', current.triggers.length === 0 ? 'none' : current.triggers.join(', ')]),
            row(['in crash', current.inCrash ? 'yes' : 'no']),
            row(['VIX source', current.vixSource]),
          ],
        ),
    '</section>',
    `<section><h2>Picks (${report.picks.length} of ${report.universe.size} in ${esc(report.universe.name)})</h2>`,
    table(['#', 'symbol', 'momentum', 'price', '52-week high'], report.picks.map((p) => row([String(p.rank), p.symbol, p.momentum.toFixed(4), money(p.price), money(p.high52w)]))),
    '</section>',
    ...(report.picks.length > 0 ? [chart('momentum', 'Momentum of the picks (latest close / 52-week high)', renderChartSvg(momentumChart(report), { width: 1000, height: 220 }, 'momentum'))] : []),
    '<section><h2>Orders</h2>',
    ...[1, 2].map((phase) => {
      const orders = report.orders.filter((o) => o.phase === phase);
      return `<h3>Phase ${phase}: ${phase === 1 ? 'sells' : 'buys'} (${orders.length})</h3>${table(
        ['action', 'side', 'symbol', 'qty', 'from', 'to', 'status', 'filled', 'avg price', 'why'],
        orders.map((o) => {
          const f = fills.get(`${o.side} ${o.symbol}`);
          return row([o.action, o.side, o.symbol, qty(o.qty), qty(o.fromQty), qty(o.toQty), f?.status ?? (report.execution === null ? 'not sent (dry run)' : 'not sent'), f === undefined ? '' : qty(f.filledQty), f?.filledAvgPrice == null ? '' : money(f.filledAvgPrice), o.reason]);
        }),
        'words',
      )}`;
    }),
    ...(report.withinBand.length > 0
      ? [
          `<h3>Within band: not sent (${report.withinBand.length})</h3>`,
          table(['symbol', 'from', 'to', 'value', 'rule'], report.withinBand.map((w) => row([w.symbol, qty(w.fromQty), qty(w.toQty), money(w.value), w.rule === 'minOrderValue' ? 'under sizing.minOrderValue' : "under sizing.driftBand of the target's value"])), 'words'),
        ]
      : []),
    '</section>',
    '<section><h2>Gates</h2>',
    table(['gate', 'status', 'why'], report.validation.gates.map((g) => row([`${g.id} ${g.name}`, g.status.toUpperCase(), g.messages.join('; ')])), 'words'),
    '</section>',
    '<section><h2>Drift from the targets</h2>',
    `<p>${esc(`Before: ${dollars(totalBefore)} away from the targets (${percent(equity > 0 ? totalBefore / equity : null)} of equity)` + (totalAfter === null ? '.' : `; after: ${dollars(totalAfter)} (${percent(equity > 0 ? totalAfter / equity : null)}).`))}</p>`,
    table(
      ['symbol', 'price', 'target', 'before', 'drift before', 'after', 'drift after'],
      rows.map((r) => row([r.symbol, money(r.price), qty(r.targetQty), qty(r.beforeQty), dollars(driftValue(r.beforeQty, r)), r.afterQty === null ? '—' : qty(r.afterQty), r.afterQty === null ? '—' : dollars(driftValue(r.afterQty, r))])),
    ),
    '</section>',
    ...(rows.length > 0 ? [chart('holdings', 'Holdings against the targets (value at the plan\'s prices)', renderChartSvg(holdingsChart(rows), { width: 1000, height: 280 }, 'holdings'))] : []),
    '<section><h2>Account and data</h2>',
    `<p>${esc(`Equity ${money(equity)}, cash ${money(report.account.cash)}, buying power ${money(report.account.buyingPower)}. Schedule ${report.schedule.kind}: today is ${report.schedule.isRebalanceDay ? '' : 'not '}a rebalance day; next ${report.schedule.next ?? 'unknown'}. Data: ${report.data.feed ?? ''} feed, ${report.data.symbols} symbols, ${report.data.bars} bars.`)}</p>`,
    '</section>',
  ];
}
