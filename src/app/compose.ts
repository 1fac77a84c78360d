/**
 * The composition root: the one place that builds what a command runs on (config, venue, broker session, market
 * data) from what the CLI read once from the process. Commands are functions of these values returning outcomes.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig, overrideFileFor } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import type { Result } from '../domain/index.js';
import { CachedMarketData } from '../market-data/cache/index.js';
import { FeedFallbackMarketData } from '../market-data/feed-fallback.js';
import { MeteredMarketData } from '../market-data/metered.js';
import type { MarketData } from '../market-data/port.js';
import type { TtyProgress } from '../market-data/progress/tty-progress.js';
import type { Env } from './environment.js';
import { cacheDirFor, type Paths } from './paths.js';
import type { BrokerSession } from './session.js';

/** What every command is given: the process's facts, read once by the CLI. */
export interface CommandContext {
  /** The process environment over the values of a .env file in cwd. */
  readonly env: Env;
  readonly cwd: string;
  readonly paths: Paths;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly pid: number;
  readonly fetchImpl: typeof fetch;
  /** The terminal progress line for long fetches (writes nothing off a terminal or with --json). */
  readonly progress?: TtyProgress;
}

/** The config of a command: the packaged defaults, then --config (or config/local.json when present). */
export function loadConfigFor(configFile: string | undefined, context: Pick<CommandContext, 'paths' | 'cwd'>): Result<Config> {
  const overrideFile = overrideFileFor(context.paths.configDir, configFile, context.cwd);
  return loadConfig({ defaultFile: context.paths.defaultConfig, ...(overrideFile !== undefined ? { overrideFile } : {}) });
}

/** The user's bar cache folder for this config. */
export function cacheDirOf(config: Config, context: Pick<CommandContext, 'env' | 'cwd'>): string {
  return cacheDirFor(config.data.cacheDir, context.env, context.cwd);
}

/**
 * A run's market data: the session's, cached on disk per data source and feed unless noCache, behind the SIP-to-IEX
 * fallback, and metered for the report.
 */
export function marketDataFor(
  session: BrokerSession,
  config: Config,
  context: Pick<CommandContext, 'env' | 'cwd' | 'logger'>,
  options: { readonly noCache: boolean; readonly incompleteFrom?: string | undefined },
): MeteredMarketData {
  if (options.noCache) return new MeteredMarketData(withFeedFallback(session.marketData, context.logger));
  const log = context.logger.child({ stage: 'cache' });
  const cached = new CachedMarketData(session.marketData, {
    // One cache per data source: the demo's synthetic AAPL must never be served for Alpaca's.
    cacheDir: join(cacheDirOf(config, context), 'sources', session.dataSourceKey),
    ...(options.incompleteFrom !== undefined ? { incompleteFrom: options.incompleteFrom } : {}),
    onEvent: (event) => log.warn(event, `bar cache: ${event.kind}`),
  });
  // The fallback in front of the cache: a request it turns into "iex" reads and writes the iex file.
  return new MeteredMarketData(withFeedFallback(cached, context.logger));
}

/** Market data that falls back from SIP to IEX when the plan refuses SIP, and says so in the log. */
export function withFeedFallback(marketData: MarketData, logger: Logger): MarketData {
  return new FeedFallbackMarketData(marketData, (event) =>
    logger.warn({ stage: 'market-data', ...event }, 'market data: the sip feed was refused; using iex for the rest of this run'),
  );
}

/** Logs where a command's orders would go, once, at its start. */
export function logVenue(logger: Logger, session: BrokerSession, mode: string): void {
  logger.info({ venue: session.venue, mode, broker: session.detail }, `venue: ${session.venue} (${session.detail})`);
}
