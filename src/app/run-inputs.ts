import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { loadConfigFor } from './compose.js';
import type { Config } from '../config/schema.js';
import { resolveUniverse, type Universe } from '../config/universe.js';
import { err, ok, type Regime, type Result, type SizingMode } from '../domain/index.js';
import { chooseBroker, type BrokerChoice } from './broker-choice.js';
import type { Env } from './environment.js';
import type { Paths } from './paths.js';
import type { RunMode } from './report.js';
import { readPlanFile, type ApprovedPlan } from '../approval/plan-file.js';

export interface RebalanceRequest {
  readonly dryRun: boolean;
  readonly regime?: Regime;
  readonly topN?: number;
  readonly universe?: string;
  readonly force: boolean;
  readonly live?: boolean;
  readonly sizing?: SizingMode;
  readonly configFile?: string;
  readonly scenario?: string;
  readonly auditFile?: string;
  /** Bypass the on-disk bar cache. */
  readonly noCache?: boolean;
  /** With a dry run: write the validated plan here for a person to approve. */
  readonly planOut?: string;
  /** A real run trades only if a plan made now matches this approved plan file. */
  readonly planFile?: string;
}

export interface RunInputs {
  readonly config: Config;
  readonly universe: Universe;
  /** From --regime; absent: the regime detector decides. */
  readonly regimeOverride?: Regime;
  readonly choice: BrokerChoice;
  readonly mode: RunMode;
  readonly auditPath: string;
  /** One lock per account: runs against different accounts never wait for each other. */
  readonly lockPath: string;
  /** Names the account (venue and key, or the local scenario) without revealing the key. */
  readonly accountKey: string;
  /** The plan a person approved (--plan), read and its hash checked. */
  readonly approvedPlan?: ApprovedPlan;
  /** Where a dry run writes its plan (--plan-out), resolved. */
  readonly planOut?: string;
}

/** Everything a run needs that can be checked before touching a broker; every problem is bad input (exit 2). */
export function resolveRunInputs(request: RebalanceRequest, env: Env, cwd: string, paths: Paths): Result<RunInputs> {
  const loaded = loadConfigFor(request.configFile, { paths, cwd });
  if (!loaded.ok) return loaded;
  const config: Config = {
    ...loaded.value,
    topN: request.topN ?? loaded.value.topN,
    sizing: { ...loaded.value.sizing, mode: request.sizing ?? loaded.value.sizing.mode },
  };
  const universe = resolveUniverse(request.universe ?? config.universe, paths.universesDir, cwd);
  if (!universe.ok) return universe;
  const choice = chooseBroker(env, request.scenario);
  if (!choice.ok) return choice;
  const { venue } = choice.value;
  if (venue === 'live' && !request.dryRun && !(request.live === true && config.allowLive)) {
    const url = choice.value.kind === 'alpaca' ? (choice.value.tradingBaseUrl ?? 'Alpaca\'s live host') : '';
    return err([
      `refusing to trade a LIVE Alpaca account (${url}: not the local exchange nor Alpaca's paper host, so treated as live): ` +
        'live trading needs both --live and "allowLive": true in the config ' +
        `(given: --live ${request.live === true ? 'yes' : 'no'}, allowLive ${config.allowLive}); nothing was sent`,
    ]);
  }
  const auditPath = auditPathOf(request, config, cwd);
  if (request.planOut !== undefined && !request.dryRun) return err(['--plan-out goes with --dry-run: it writes the plan a dry run validated']);
  if (request.planFile !== undefined && request.dryRun) return err(['--plan goes with a real run (without --dry-run): it trades the approved plan']);
  let approvedPlan: ApprovedPlan | undefined;
  if (request.planFile !== undefined) {
    const read = readPlanFile(resolve(cwd, request.planFile));
    if (!read.ok) return read;
    approvedPlan = read.value;
  }
  const key = accountKey(choice.value, cwd);
  return ok({
    config,
    universe: universe.value,
    ...(request.regime !== undefined ? { regimeOverride: request.regime } : {}),
    choice: choice.value,
    mode: request.dryRun ? 'dry-run' : venue,
    auditPath,
    lockPath: resolve(dirname(auditPath), `.rebalance-${key}.lock`),
    accountKey: key,
    ...(approvedPlan !== undefined ? { approvedPlan } : {}),
    ...(request.planOut !== undefined ? { planOut: resolve(cwd, request.planOut) } : {}),
  });
}

/** The run's audit trail: --audit-file, else the config's audit.path, from the working directory. */
export function auditPathOf(request: Pick<RebalanceRequest, 'auditFile'>, config: Config, cwd: string): string {
  return resolve(cwd, request.auditFile ?? config.audit.path);
}

function accountKey(choice: BrokerChoice, cwd: string): string {
  const identity =
    choice.kind === 'alpaca'
      ? `alpaca|${choice.venue}|${choice.keyId}`
      : `local|${choice.scenarioPath === undefined ? 'demo' : resolve(cwd, choice.scenarioPath)}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 12);
}
