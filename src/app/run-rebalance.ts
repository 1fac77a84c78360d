import type { Logger } from 'pino';
import { formatInTimeZone } from 'date-fns-tz';
import { loadConfig, overrideFileFor } from '../config/load-config.js';
import { resolveUniverse } from '../config/universe.js';
import type { Config } from '../config/schema.js';
import { BrokerError } from '../broker/port.js';
import type { Regime, SizingMode } from '../domain/index.js';
import { chooseBroker } from './broker-choice.js';
import type { Env } from './environment.js';
import { planRebalance, type MarketSnapshot } from './plan-rebalance.js';
import type { RunReport } from './report.js';
import { openSession, type BrokerSession } from './session.js';
import type { Paths } from './paths.js';

export interface RebalanceRequest {
  readonly dryRun: boolean;
  readonly regime?: Regime;
  readonly topN?: number;
  readonly universe?: string;
  readonly force: boolean;
  readonly sizing?: SizingMode;
  readonly configFile?: string;
  readonly scenario?: string;
}

export interface RunContext {
  readonly env: Env;
  readonly cwd: string;
  readonly paths: Paths;
  readonly logger: Logger;
}

/** Exit codes, as documented in the README and --help. */
export const EXIT = { ok: 0, unexpected: 1, badInput: 2, gateFailed: 3 } as const;

export type RunOutcome =
  | { readonly kind: 'report'; readonly report: RunReport; readonly secrets: readonly string[] }
  | { readonly kind: 'error'; readonly exitCode: number; readonly errors: readonly string[]; readonly secrets: readonly string[] };

const badInput = (errors: readonly string[], secrets: readonly string[] = []): RunOutcome => ({
  kind: 'error',
  exitCode: EXIT.badInput,
  errors,
  secrets,
});

/** One rebalance run: load and check inputs, read the account and market, plan, validate. Submits nothing. */
export async function runRebalance(request: RebalanceRequest, context: RunContext): Promise<RunOutcome> {
  const loaded = loadConfig({
    defaultFile: context.paths.defaultConfig,
    ...optional('overrideFile', overrideFileFor(context.paths.configDir, request.configFile, context.cwd)),
  });
  if (!loaded.ok) return badInput(loaded.error);
  const config = applyFlags(loaded.value, request);
  const universe = resolveUniverse(request.universe ?? config.universe, context.paths.universesDir, context.cwd);
  if (!universe.ok) return badInput(universe.error);
  if (request.regime === undefined) {
    return badInput(['a regime must be given with --regime (TREND_BULL, TREND_NEUTRAL, TREND_BEAR or CRASH): the regime detector is not available yet']);
  }
  if (!request.dryRun) {
    return badInput(['only dry runs are available: run with --dry-run (order execution is not available yet; nothing was submitted)']);
  }
  const choice = chooseBroker(context.env, request.scenario);
  if (!choice.ok) return badInput(choice.error);
  const opened = await openSession(choice.value, context.cwd, context.logger);
  if (!opened.ok) return badInput(opened.error);
  const session = opened.value;
  try {
    const snapshot = await readSnapshot(session, universe.value.symbols, config, context.logger);
    const plan = planRebalance(snapshot, {
      regime: request.regime,
      universe: universe.value.symbols,
      topN: config.topN,
      config,
      force: request.force,
      dryRun: request.dryRun,
    });
    const exitCode = plan.validation.passed ? EXIT.ok : EXIT.gateFailed;
    const report: RunReport = {
      mode: 'dry-run',
      broker: session.kind,
      brokerDetail: session.detail,
      asOf: snapshot.clock.timestamp,
      market: { isOpen: snapshot.clock.isOpen, nextOpen: snapshot.clock.nextOpen, nextClose: snapshot.clock.nextClose },
      regime: { name: request.regime, allocation: plan.allocation, source: 'override' },
      account: { equity: snapshot.account.equity, cash: snapshot.account.cash, buyingPower: snapshot.account.buyingPower },
      universe: { name: universe.value.name, size: universe.value.symbols.length },
      topN: config.topN,
      sizingMode: config.sizing.mode,
      picks: plan.scan.picks.map(({ rank, symbol, momentum, price, high52w }) => ({ rank, symbol, momentum, price, high52w })),
      excluded: plan.scan.excluded,
      targets: plan.targets.map(({ symbol, qty, price, value }) => ({ symbol, qty, price, value })),
      orders: plan.orders.map(({ action, side, symbol, qty, fromQty, toQty, phase, reason }) => ({
        action, side, symbol, qty, fromQty, toQty, phase, reason,
      })),
      validation: plan.validation,
      deployment: plan.deployment,
      exitCode,
    };
    return { kind: 'report', report, secrets: session.secrets };
  } catch (error) {
    if (error instanceof BrokerError) {
      const exitCode = error.kind === 'auth' ? EXIT.badInput : EXIT.unexpected;
      return { kind: 'error', exitCode, errors: [`broker: ${error.message}`], secrets: session.secrets };
    }
    throw error;
  } finally {
    await session.close();
  }
}

/** Reads the account and the market: the only broker calls a plan needs. */
async function readSnapshot(
  session: BrokerSession,
  universe: readonly string[],
  config: Config,
  logger: Logger,
): Promise<MarketSnapshot> {
  const log = logger.child({ stage: 'market-data' });
  const [clock, account, positions, openOrders] = await Promise.all([
    session.broker.getClock(),
    session.broker.getAccount(),
    session.broker.getPositions(),
    session.broker.getOpenOrders(),
  ]);
  const held = positions.map((p) => p.symbol);
  const symbols = [...new Set([...universe, ...held])];
  const end = formatInTimeZone(new Date(clock.timestamp), 'America/New_York', 'yyyy-MM-dd');
  const tradingDays = Math.max(config.scanner.lookbackDays, config.scanner.minHistoryDays);
  const start = addDays(end, -calendarDaysFor(tradingDays));
  const [assets, bars] = await Promise.all([
    session.broker.getAssets(symbols),
    session.marketData.getDailyBars({
      symbols: universe,
      start,
      end,
      adjustment: config.data.adjustment,
      feed: config.data.feed,
    }),
  ]);
  log.info({ symbols: universe.length, barsSymbols: bars.bars.size, requests: bars.requests, start, end }, 'bars fetched');
  return { clock, account, positions, openOrders, assets, bars: bars.bars };
}

/** Calendar days that surely hold `tradingDays` NYSE sessions (252 a year, plus holidays and slack). */
export function calendarDaysFor(tradingDays: number): number {
  return Math.ceil((tradingDays * 365) / 252) + 14;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function applyFlags(config: Config, request: RebalanceRequest): Config {
  return {
    ...config,
    topN: request.topN ?? config.topN,
    sizing: { ...config.sizing, mode: request.sizing ?? config.sizing.mode },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
