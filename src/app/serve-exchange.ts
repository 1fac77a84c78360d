import { resolve } from 'node:path';
import { startExchange } from '../exchange/server.js';
import { loadScenarioFile } from '../exchange/load-scenario.js';
import { createDemoScenario } from '../exchange/demo/index.js';
import type { MarketScenario } from '../exchange/scenario.js';
import { EXIT } from './run-rebalance.js';

interface ServeIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly untilStopped: () => Promise<void>;
}

/** `rebalance exchange`: serves the local exchange in the foreground until SIGINT/SIGTERM. */
export async function serveExchange(options: { scenario?: string; port?: number }, io: ServeIo): Promise<number> {
  let scenario: MarketScenario;
  if (options.scenario === undefined) {
    scenario = createDemoScenario();
  } else {
    const loaded = await loadScenarioFile(resolve(io.cwd, options.scenario));
    if (!loaded.ok) {
      for (const e of loaded.error) io.stderr(`rebalance: scenario: ${e}\n`);
      return EXIT.badInput;
    }
    scenario = loaded.value;
  }
  let exchange;
  try {
    exchange = await startExchange({ scenario, ...(options.port !== undefined ? { port: options.port } : {}) });
  } catch (error) {
    io.stderr(`rebalance: cannot start the local exchange: ${(error as Error).message}\n`);
    return EXIT.badInput;
  }
  io.stdout(`${exchange.baseUrl}\n`);
  io.stderr(`local exchange serving scenario "${scenario.name}" at ${exchange.baseUrl} (Ctrl-C to stop)\n`);
  await io.untilStopped();
  await exchange.close();
  return EXIT.ok;
}
