import type { SweepResult } from '../backtest/sweep/run-sweep.js';
import { describeParams } from '../backtest/sweep/sweep-spec.js';
import type { SweepFiles } from '../backtest/sweep/write-sweep.js';
import { table } from './render-report.js';

const pct = (n: number | null): string => (n === null ? '—' : `${(n * 100).toFixed(2)}%`);
const ratio = (n: number | null): string => (n === null ? '—' : n.toFixed(2));

/** The sweep ranked by Sharpe, and the walk-forward's out-of-sample result beside the best in-sample one. */
export function renderSweep(result: SweepResult, files: SweepFiles): string {
  const lines: string[] = [];
  const title = `Sweep ${result.from} .. ${result.to}: ${result.runs.length} runs, ranked by Sharpe (in sample)`;
  lines.push(title, '='.repeat(title.length), '');
  lines.push(
    ...table(
      ['#', 'parameters', 'CAGR', 'vol', 'Sharpe', 'max DD', 'turnover/yr', 'orders', 'exposure'],
      result.runs.map((r, i) => [String(i + 1), describeParams(r.params), pct(r.metrics.cagr), pct(r.metrics.volatility), ratio(r.metrics.sharpe), pct(r.metrics.maxDrawdown), ratio(r.metrics.turnoverPerYear), String(r.metrics.orders), pct(r.metrics.avgExposure)]),
    ),
  );
  const wf = result.walkForward;
  if (wf !== null) {
    lines.push('', 'Walk-forward: each window picks the best Sharpe on its train span, then runs it on the test span');
    lines.push(
      ...table(
        ['train', 'chosen', 'train Sharpe', 'test', 'test CAGR', 'test Sharpe', 'test max DD'],
        wf.windows.map((w) => [`${w.train.from}..${w.train.to}`, describeParams(w.chosen), ratio(w.trainSharpe), `${w.test.from}..${w.test.to}`, pct(w.test.metrics.cagr), ratio(w.test.metrics.sharpe), pct(w.test.metrics.maxDrawdown)]),
      ),
    );
    const best = result.runs[0];
    lines.push('');
    lines.push(
      ...table(
        ['', 'span', 'CAGR', 'Sharpe', 'max DD'],
        [
          ['out of sample (chained tests)', `${wf.outOfSample.from}..${wf.outOfSample.to}`, pct(wf.outOfSample.cagr), ratio(wf.outOfSample.sharpe), pct(wf.outOfSample.maxDrawdown)],
          ...(best === undefined ? [] : [[`best in sample (${describeParams(best.params)})`, `${result.from}..${result.to}`, pct(best.metrics.cagr), ratio(best.metrics.sharpe), pct(best.metrics.maxDrawdown)]]),
        ],
      ),
    );
    lines.push('The in-sample best was chosen knowing the whole span; expect the out-of-sample figure.');
  }
  lines.push('', `Files in ${files.dir}`, `  ${files.sweep}`, ...(files.walkForward !== null ? [`  ${files.walkForward}`] : []));
  return `${lines.join('\n')}\n`;
}
