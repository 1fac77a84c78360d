import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { benchBacktest } from './backtest.js';
import { benchExecution } from './execution.js';
import { benchMarketData } from './market-data.js';
import { benchRegime } from './regime.js';

// Figures only: benchmarks print what they measure and never fail on a number.
console.log(`regime-rebalancer benchmarks (node ${process.version}, ${process.platform}/${process.arch})`);
benchRegime();
const started = performance.now();
const evaluation = spawnSync('npm', ['run', '--silent', 'eval:regime'], { cwd: resolve(import.meta.dirname, '..'), encoding: 'utf8' });
console.log(`npm run eval:regime: ${((performance.now() - started) / 1000).toFixed(2)} s wall (exit ${evaluation.status}; goal ≤ 5 s)`);
benchExecution();
await benchMarketData();
benchBacktest();
