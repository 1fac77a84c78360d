/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no URL to fetch) that opens offline and
 * says what the backtest did, against what, and what it cannot tell.
 */
import { REGIMES } from '../../domain/index.js';
import type { BacktestMetrics, BacktestRun } from '../types.js';
import { drawdownChartSvg, equityChartSvg, exposureChartSvg, monthlyHeatmapSvg, regimeTimelineSvg, rollingSharpeSvg } from './charts.js';
import { dollars, escapeHtml as esc, percent, ratio } from './format.js';
import { chart, page, row, table } from '../../report/page.js';

const METRIC_HEADERS = ['', 'CAGR', 'volatility', 'Sharpe', 'Sortino', 'max drawdown', 'Calmar', 'turnover/yr', 'orders', 'costs', 'dividends', 'avg exposure'];

/** HTML: the fall, then its peak → trough and recovery on smaller lines. */
function maxDrawdownCell(m: BacktestMetrics): string {
  if (m.maxDrawdownPeak === null || m.maxDrawdownTrough === null) return esc(percent(m.maxDrawdown));
  const recovery = m.recovery === null ? 'not recovered' : `recovered ${m.recovery}`;
  return `${esc(percent(m.maxDrawdown))}<br><small>${esc(`${m.maxDrawdownPeak} → ${m.maxDrawdownTrough}`)}<br>${esc(recovery)}</small>`;
}

function metricsRow(name: string, m: BacktestMetrics | null): string {
  if (m === null) return `<tr><td>${esc(name)}</td><td class="na" colspan="${METRIC_HEADERS.length - 1}">not available</td></tr>`;
  const cells = [
    percent(m.cagr), percent(m.volatility), ratio(m.sharpe), ratio(m.sortino), null, ratio(m.calmar),
    ratio(m.turnoverPerYear), String(m.orders), dollars(m.costs), dollars(m.dividends), percent(m.avgExposure),
  ];
  return `<tr><td>${esc(name)}</td>${cells.map((c) => `<td>${c === null ? maxDrawdownCell(m) : esc(c)}</td>`).join('')}</tr>`;
}

/** What the fills assumed, read from the recorded config when it says so. */
function fillAssumptions(config: Readonly<Record<string, unknown>>): string {
  const backtest = (config['backtest'] ?? {}) as { fillPrice?: unknown; slippageBps?: unknown; commission?: { perShare?: unknown; minimum?: unknown } };
  const at = backtest.fillPrice === 'open' ? 'the next open' : backtest.fillPrice === 'close' ? 'the close' : 'the close (or open)';
  const slippage = typeof backtest.slippageBps === 'number' ? `${backtest.slippageBps} bp of slippage` : 'the configured slippage';
  const c = backtest.commission;
  const commission =
    typeof c?.perShare === 'number' && typeof c.minimum === 'number' ? `a commission of $${c.perShare} per share (minimum $${c.minimum})` : 'the configured commission';
  return `Orders fill at ${at} with ${slippage} and ${commission}: a model of execution, not a record of it.`;
}

export function renderBacktestReport(run: BacktestRun): string {
  const s = run.summary;
  const title = `Backtest ${s.from} .. ${s.to}`;
  const returns = s.returns === 'price' ? 'price return only (no dividend data)' : 'total return (dividends credited)';
  const m = s.metrics;
  const months =
    m.bestMonth !== null && m.worstMonth !== null
      ? `Best month ${m.bestMonth.month} ${percent(m.bestMonth.return)}; worst month ${m.worstMonth.month} ${percent(m.worstMonth.return)}.`
      : 'No complete month.';
  const shortfalls =
    run.shortfalls.length === 0
      ? ''
      : `<p class="note">${run.shortfalls.length} day(s) could not do everything they planned; the first, ${esc(run.shortfalls[0]?.date ?? '')}: ${esc(run.shortfalls[0]?.reason ?? '')}.</p>`;
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="note">${s.days} trading days · ${esc(returns)} · data: ${esc(s.dataSource)}</p>`,
    ...s.notes.map((note) => `<p class="note"><strong>Note:</strong> ${esc(note)}</p>`),
    '<section><h2>Performance</h2>',
    table(METRIC_HEADERS, [
      metricsRow('strategy', m),
      metricsRow('SPY buy & hold', s.benchmarks.spy),
      metricsRow('always bull', s.benchmarks.alwaysBull),
      metricsRow('equal weight', s.benchmarks.equalWeight),
    ], 'metrics'),
    '<p class="note">Always bull: the same strategy with the regime forced to TREND_BULL. Equal weight: every universe symbol in equal parts, re-weighted on each rebalance day.</p>',
    `<p>${esc(months)}</p>${shortfalls}</section>`,
    chart('equity', 'Equity against the benchmarks (log scale)', equityChartSvg(run)),
    chart('drawdown', 'Drawdown', drawdownChartSvg(run)),
    chart('regime', 'Regime timeline', regimeTimelineSvg(run)),
    '<section><h2>Regime days</h2>',
    table(['regime', 'days', 'share'], REGIMES.map((r) => row([r, String(s.regimeDays[r]), percent(s.days > 0 ? s.regimeDays[r] / s.days : null)])), 'regimes'),
    '</section>',
    chart('exposure', 'Exposure', exposureChartSvg(run)),
    '<section><h2>Calendar years</h2>',
    table(['year', 'strategy', 'SPY'], s.years.map((y) => row([String(y.year), percent(y.return), percent(y.spy)])), 'years'),
    '</section>',
    chart('monthly', 'Monthly returns', monthlyHeatmapSvg(run)),
    chart('sharpe', 'Rolling 12-month Sharpe', rollingSharpeSvg(run)),
    '<section><h2>Limits</h2>',
    `<p>A universe picked today contains today's survivors and winners, so a backtest over it flatters the strategy (survivorship bias). ${esc(fillAssumptions(s.config))} Returns are ${esc(returns)}.</p>`,
    '</section>',
    '<section><h2>Config and data</h2>',
    `<p>Data source: ${esc(s.dataSource)}</p>`,
    `<pre>${esc(JSON.stringify(s.config, null, 2))}</pre>`,
    '</section>',
  ];
  return page(title, body);
}
