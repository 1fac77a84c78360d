// `npm run eval:regime`: evaluates the regime detector on SPY 1993-2025 and rewrites docs/regime.md and its chart.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRegimeEval } from '../src/regime/eval/run-eval.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The shared data sits beside the checkout (as in CI).
const data = resolve(root, '..', 'shared', 'data');
const files = {
  spyFile: resolve(data, 'adjclose', 'SPY.csv'),
  vixFile: resolve(data, 'daily', 'VIX.csv'),
  docFile: resolve(root, 'docs', 'regime.md'),
  chartFile: resolve(root, 'docs', 'regime-chart.svg'),
};
const run = runRegimeEval({
  ...files,
  sources: {
    spy: relative(root, files.spyFile),
    vix: relative(root, files.vixFile),
    chart: 'regime-chart.svg',
  },
});
if (!run.ok) {
  console.error(`eval:regime: ${run.error.join('\n')}`);
  process.exit(2);
}
console.log(run.value.markdown);
const passed = run.value.goals.filter((g) => g.pass).length;
console.log(`Goals: ${passed} of ${run.value.goals.length} passed.`);
const written = `${relative(root, files.docFile)} and ${relative(root, files.chartFile)}`;
console.log(`Wrote ${written} in ${process.uptime().toFixed(1)} s (process time, including start-up).`);
