import type { Outcome } from './outcome.js';
import { loadLocalScenario } from './session.js';

interface ServeIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly untilStopped: () => Promise<void>;
}

/** `rebalance exchange`: serves the local exchange in the foreground until SIGINT/SIGTERM. */
export async function serveExchange(options: { scenario?: string; port?: number }, io: ServeIo): Promise<Outcome> {
  const loaded = await loadLocalScenario(options.scenario, io.cwd);
  if (!loaded.ok) {
    for (const e of loaded.error) io.stderr(`rebalance: ${e}\n`);
    return 'badInput';
  }
  const scenario = loaded.value;
  const { startExchange } = await import('../exchange/local-runtime.js');
  let exchange;
  try {
    exchange = await startExchange({ scenario, ...(options.port !== undefined ? { port: options.port } : {}) });
  } catch (error) {
    io.stderr(`rebalance: cannot start the local exchange: ${(error as Error).message}\n`);
    return 'badInput';
  }
  io.stdout(`${exchange.baseUrl}\n`);
  io.stderr(`local exchange serving scenario "${scenario.name}" at ${exchange.baseUrl} (Ctrl-C to stop)\n`);
  await io.untilStopped();
  await exchange.close();
  return 'ok';
}
