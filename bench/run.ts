import { benchExecution } from './execution.js';
import { benchMarketData } from './market-data.js';

// Figures only: benchmarks print what they measure and never fail on a number.
console.log(`regime-rebalancer benchmarks (node ${process.version}, ${process.platform}/${process.arch})`);
benchExecution();
await benchMarketData();
