import type { AssetCatalog } from '../assets.js';
import { writeFileAtomic } from '../persistence/atomic-write.js';
import type { Persister } from '../persistence/persister.js';
import { createPersister } from '../persistence/persister.js';
import { loadExchangeState, serializeState } from '../persistence/state-file.js';
import type { MarketScenario } from '../scenario.js';
import type { ExchangeState } from '../state.js';
import { createExchangeState } from '../state.js';
import type { OrderEngine } from './engine.js';
import { createOrderEngine } from './engine.js';

export interface Trading {
  readonly state: ExchangeState;
  readonly orders: OrderEngine;
  /** Stops the timers and waits for the last state write; rejects if that write failed. */
  close(): Promise<void>;
}

/**
 * The exchange's live state and order engine. With a scenario `statePath` the state comes from that file when it
 * exists and is written back after every change; open orders resume where they left off.
 */
export async function startTrading(scenario: MarketScenario, assets: AssetCatalog, wallMs: () => number = Date.now): Promise<Trading> {
  const path = scenario.statePath;
  const state = path === undefined ? createExchangeState(scenario, wallMs()) : await loadExchangeState(scenario, path, wallMs());
  let persister: Persister | undefined;
  const orders = createOrderEngine({ market: { scenario, assets, state }, wallMs, onChange: () => persister?.schedule() });
  if (path !== undefined) {
    persister = createPersister(async () => {
      try {
        await writeFileAtomic(path, serializeState(state, scenario, orders.now()));
      } catch (e) {
        throw new Error(`cannot write exchange state file ${path}: ${(e as Error).message}`, { cause: e });
      }
    });
  }
  orders.start();
  return {
    state,
    orders,
    async close() {
      orders.close();
      await persister?.flush();
    },
  };
}
