import { rm } from 'node:fs/promises';
import { acquireRunLock } from '../lock/run-lock.js';
import type { CommandContext } from './compose.js';
import type { Outcome } from './outcome.js';
import { resolveRunInputs } from './run-inputs.js';
import { loadLocalScenario, localStatePath } from './session.js';

export interface ResetRequest {
  readonly scenario?: string;
  readonly configFile?: string;
  readonly auditFile?: string;
}

export type ResetOutcome =
  | { readonly kind: 'reset'; readonly outcome: Outcome; readonly statePath: string; readonly existed: boolean; readonly scenario: string }
  | { readonly kind: 'error'; readonly outcome: Outcome; readonly errors: readonly string[] };

/**
 * `rebalance demo reset`: forgets what runs did to the local exchange (orders, fills, positions), so the next run
 * starts from the demo's (or --scenario's) opening account. Only ever the local exchange, and never under a run.
 */
export async function resetLocalExchange(request: ResetRequest, context: CommandContext): Promise<ResetOutcome> {
  const bad = (errors: readonly string[]): ResetOutcome => ({ kind: 'error', outcome: 'badInput', errors });
  const inputs = resolveRunInputs(
    { dryRun: true, force: false, ...optional(request) },
    context.env,
    context.cwd,
    context.paths,
  );
  if (!inputs.ok) return bad(inputs.error);
  const { choice } = inputs.value;
  if (choice.kind !== 'local') {
    return bad(['demo reset: Alpaca credentials are set, so runs go to Alpaca; reset only ever touches the local exchange (pass --scenario, or unset APCA_API_KEY_ID)']);
  }
  const scenario = await loadLocalScenario(choice.scenarioPath, context.cwd);
  if (!scenario.ok) return bad(scenario.error);
  const lock = await acquireRunLock({ lockPath: inputs.value.lockPath, pid: context.pid, now: context.now });
  if (!lock.ok) return { kind: 'error', outcome: lock.reason === 'held' ? 'skipped' : 'unexpected', errors: [lock.message] };
  try {
    const statePath = localStatePath(scenario.value, choice.scenarioPath, context.cwd, inputs.value.auditPath);
    const existed = await rm(statePath).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    return { kind: 'reset', outcome: 'ok', statePath, existed, scenario: scenario.value.name };
  } finally {
    await lock.release();
  }
}

function optional(request: ResetRequest): { scenario?: string; configFile?: string; auditFile?: string } {
  return {
    ...(request.scenario !== undefined ? { scenario: request.scenario } : {}),
    ...(request.configFile !== undefined ? { configFile: request.configFile } : {}),
    ...(request.auditFile !== undefined ? { auditFile: request.auditFile } : {}),
  };
}
