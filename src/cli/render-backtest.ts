import type { BacktestMetrics, BacktestRun } from '../backtest/types.js';
import type { WrittenFiles } from '../backtest/write-files.js';
import { table } from './render-report.js';

const pct = (n: number | null): string => (n === null ? '—' : `${(n * 100).toFixed(2)}%`);
const ratio = (n: number | null): string => (n === null ? '—' : n.toFixed(2));
const money = (n: number): string => `$${Math.round(n).toLocaleString('en-US')}`;

/** The terminal's view of a backtest: the metrics against the benchmarks, and where the files are. */
export function renderBacktest(run: BacktestRun, files: WrittenFiles): string {
  const s = run.summary;
  const lines: string[] = [];
  const title = `Backtest ${s.from} .. ${s.to} (${s.days} trading days)`;
  lines.push(title, '='.repeat(title.length));
  lines.push(`Data      ${s.dataSource}`);
  for (const note of s.notes) lines.push(`Note      ${note}`);
  lines.push(`Returns   ${s.returns === 'total' ? 'total return (dividends credited as cash)' : 'price return only (no adjusted closes: dividends not counted)'}`);
  const rows: [string, BacktestMetrics | null][] = [
    ['strategy', s.metrics],
    ['SPY buy & hold', s.benchmarks.spy],
    ['always bull', s.benchmarks.alwaysBull],
    ['equal weight', s.benchmarks.equalWeight],
  ];
  lines.push('');
  lines.push(
    ...table(
      ['', 'CAGR', 'vol', 'Sharpe', 'Sortino', 'max DD', 'Calmar', 'turnover/yr', 'orders', 'costs', 'dividends', 'exposure'],
      rows.map(([name, m]) =>
        m === null
          ? [name, 'not available']
          : [name, pct(m.cagr), pct(m.volatility), ratio(m.sharpe), ratio(m.sortino), pct(m.maxDrawdown), ratio(m.calmar), ratio(m.turnoverPerYear), String(m.orders), money(m.costs), money(m.dividends), pct(m.avgExposure)],
      ),
    ),
  );
  const m = s.metrics;
  lines.push('');
  lines.push(`Max drawdown ${pct(m.maxDrawdown)}: peak ${m.maxDrawdownPeak ?? '—'}, trough ${m.maxDrawdownTrough ?? '—'}, ${m.recovery === null ? 'not recovered by the end' : `recovered ${m.recovery}`}`);
  if (m.bestMonth !== null && m.worstMonth !== null) lines.push(`Best month ${m.bestMonth.month} ${pct(m.bestMonth.return)}, worst ${m.worstMonth.month} ${pct(m.worstMonth.return)}`);
  lines.push(`Regime days ${Object.entries(s.regimeDays).map(([r, n]) => `${r} ${n}`).join(', ')}`);
  if (run.shortfalls.length > 0) {
    lines.push(`Shortfalls ${run.shortfalls.length} day(s) did not do all they planned; first: ${run.shortfalls[0]?.date} ${run.shortfalls[0]?.reason}`);
  }
  lines.push('', 'Years');
  lines.push(...table(['year', 'strategy', 'SPY'], s.years.map((y) => [String(y.year), pct(y.return), pct(y.spy)])));
  lines.push('', `Files in ${files.dir}`, `  ${files.summary}`, `  ${files.equity}`, `  ${files.orders}`, `  ${files.report}`);
  return `${lines.join('\n')}\n`;
}
