export { startExchange } from './server.js';
export type { RunningExchange, StartExchangeOptions } from './server.js';
export { loadScenarioFile, parseDailyBarsCsv, parseScenarioFile, buildScenario, loadBarsDirectory } from './load-scenario.js';
export type { ExchangeState, HeldPosition } from './state.js';
export type { MarketScenario, ScenarioFile } from './scenario.js';
