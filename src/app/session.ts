import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Broker } from '../broker/port.js';
import type { MarketData } from '../market-data/port.js';
import { createAlpacaClient, LOCAL_EXCHANGE_RETRY } from '../broker/alpaca/client.js';
import { AlpacaBroker } from '../broker/alpaca/alpaca-broker.js';
import { AlpacaMarketData } from '../market-data/alpaca/alpaca-market-data.js';
import type { MarketScenario } from '../exchange/scenario.js';
import { err, ok, type Result, type Venue } from '../domain/index.js';
import type { BrokerChoice } from './broker-choice.js';
import type { BrokerKind } from './report.js';
import type { FetchProgress } from '../market-data/progress/progress.js';

/** A connected broker and market-data source, plus what to shut down afterwards. */
export interface BrokerSession {
  readonly kind: BrokerKind;
  /** Where orders go: the one venue decided by chooseBroker. */
  readonly venue: Venue;
  /** What the report says about the broker: "local exchange (demo scenario)", "Alpaca paper", ... */
  readonly detail: string;
  readonly broker: Broker;
  readonly marketData: MarketData;
  /** Names the market-data source (Alpaca's host, or the scenario), so caches of different sources never mix. */
  readonly dataSourceKey: string;
  /** Values that must never be printed (API keys). */
  readonly secrets: readonly string[];
  close(): Promise<void>;
}

/**
 * Connects to Alpaca, or starts the local exchange in-process. The local exchange keeps its state (orders, fills,
 * positions) in a scenario-named file beside the audit trail unless the scenario names its own `statePath`.
 */
export async function openSession(
  choice: BrokerChoice,
  cwd: string,
  logger: Logger,
  auditPath: string,
  data: { readonly progress?: FetchProgress; readonly requestsPerMinute?: number } = {},
): Promise<Result<BrokerSession>> {
  const marketDataOptions = {
    // Off a terminal (a cron job's log) nothing else would say why a run stands still for up to a minute.
    onRateLimitPause: (waitMs: number) =>
      logger.info({ stage: 'market-data', waitMs }, `market data: the rate limit is used up; waiting ${Math.ceil(waitMs / 1000)} s for it to reset`),
    ...(data.progress !== undefined ? { progress: data.progress } : {}),
    ...(data.requestsPerMinute !== undefined ? { requestsPerMinute: data.requestsPerMinute } : {}),
  };
  if (choice.kind === 'alpaca') {
    const client = createAlpacaClient({
      keyId: choice.keyId,
      secretKey: choice.secretKey,
      venue: choice.venue,
      ...(choice.tradingBaseUrl !== undefined ? { tradingBaseUrl: choice.tradingBaseUrl } : {}),
      ...(choice.dataBaseUrl !== undefined ? { dataBaseUrl: choice.dataBaseUrl } : {}),
    });
    return ok({
      kind: 'alpaca',
      venue: choice.venue,
      detail: venueDetail(choice.venue, client.tradingBaseUrl),
      broker: new AlpacaBroker(client),
      marketData: new AlpacaMarketData(client, marketDataOptions),
      dataSourceKey: `alpaca-${shortHash(choice.dataBaseUrl ?? 'https://data.alpaca.markets')}`,
      secrets: [choice.keyId, choice.secretKey],
      close: async () => {},
    });
  }
  const loaded = await loadLocalScenario(choice.scenarioPath, cwd);
  if (!loaded.ok) return loaded;
  const scenario = loaded.value;
  const statePath = localStatePath(scenario, choice.scenarioPath, cwd, auditPath);
  const { startExchange } = await import('../exchange/local-runtime.js');
  let exchange;
  try {
    exchange = await startExchange({ scenario: { ...scenario, statePath } });
  } catch (error) {
    return err([`local exchange: ${(error as Error).message}`]);
  }
  logger.debug({ baseUrl: exchange.baseUrl, scenario: scenario.name }, 'local exchange started');
  // The exchange accepts any non-empty keys unless the scenario requires particular ones.
  const keyId = choice.credentials?.keyId ?? 'local';
  const secretKey = choice.credentials?.secretKey ?? 'local';
  const client = createAlpacaClient({
    keyId,
    secretKey,
    venue: 'local',
    tradingBaseUrl: exchange.baseUrl,
    dataBaseUrl: exchange.baseUrl,
    retry: LOCAL_EXCHANGE_RETRY,
    rateLimit: false,
  });
  return ok({
    kind: 'local',
    venue: 'local',
    detail:
      choice.scenarioPath === undefined
        ? 'local exchange, built-in demo scenario (synthetic data)'
        : `local exchange, scenario ${choice.scenarioPath}`,
    broker: new AlpacaBroker(client),
    marketData: new AlpacaMarketData(client, marketDataOptions),
    dataSourceKey: `local-${shortHash(choice.scenarioPath === undefined ? 'demo' : resolve(cwd, choice.scenarioPath))}`,
    secrets: choice.credentials !== undefined ? [choice.credentials.keyId, choice.credentials.secretKey] : [],
    close: () => exchange.close(),
  });
}

function venueDetail(venue: Venue, tradingBaseUrl: string): string {
  if (venue === 'live') return `Alpaca LIVE account (${tradingBaseUrl})`;
  if (venue === 'paper') return 'Alpaca paper trading';
  return `local exchange at ${tradingBaseUrl}, through the Alpaca adapter`;
}

const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** The local exchange's scenario: the built-in demo, or --scenario's file. */
export async function loadLocalScenario(scenarioPath: string | undefined, cwd: string): Promise<Result<MarketScenario>> {
  // Loaded only for local runs: the exchange (HTTP, websocket, order engine) is no part of a run against Alpaca.
  const { loadScenarioFile, createDemoScenario } = await import('../exchange/local-runtime.js');
  let scenario: MarketScenario;
  if (scenarioPath === undefined) {
    scenario = createDemoScenario();
  } else {
    const loaded = await loadScenarioFile(resolve(cwd, scenarioPath));
    if (!loaded.ok) return err(loaded.error.map((e) => `scenario: ${e}`));
    scenario = loaded.value;
  }
  return ok(scenario);
}

/**
 * Where a run's local exchange keeps its state (orders, fills, positions) between runs: the scenario's own
 * `statePath`, else a scenario-named file beside the audit trail.
 */
export function localStatePath(scenario: MarketScenario, scenarioPath: string | undefined, cwd: string, auditPath: string): string {
  return scenario.statePath ?? defaultStatePath(auditPath, scenario.name, scenarioPath === undefined ? 'demo' : resolve(cwd, scenarioPath));
}

function defaultStatePath(auditPath: string, name: string, identity: string): string {
  const tag = shortHash(identity).slice(0, 8);
  return join(dirname(auditPath), 'exchange-state', `${name.replace(/[^A-Za-z0-9._-]/g, '_')}-${tag}.json`);
}
