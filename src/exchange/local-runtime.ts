/** What a local run needs from the exchange, in one module so the app can load it on demand. */
export { startExchange } from './server.js';
export { loadScenarioFile } from './load-scenario.js';
export { createDemoScenario } from './demo/index.js';
