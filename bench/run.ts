import { benchExecution } from './execution.js';

// Figures only: benchmarks print what they measure and never fail on a number.
console.log(`regime-rebalancer benchmarks (node ${process.version}, ${process.platform}/${process.arch})`);
benchExecution();
