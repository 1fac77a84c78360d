import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { readEnvironment, type Env } from '../app/environment.js';
import { createLogger } from '../app/logger.js';
import { cacheDirFor, packagePaths } from '../app/paths.js';
import { loadConfig, overrideFileFor } from '../config/load-config.js';
import { clearCache } from '../market-data/cache/index.js';
import { createTtyProgress } from '../market-data/progress/tty-progress.js';
import { EXIT, runRebalance, type RebalanceRequest, type RunOutcome } from '../app/run-rebalance.js';
import type { Regime, SizingMode } from '../domain/index.js';
import { parsePort, parseRegime, parseSizing, parseTopN } from './options.js';
import { renderReport } from './render-report.js';
import { renderRegime } from './render-regime.js';
import { runRegimeCommand, type RegimeRequest } from '../app/regime-command.js';
import { scrubSecrets } from './scrub.js';

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Env;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTty: boolean;
  /** Resolves when the user asks a long-running command (the exchange) to stop. */
  readonly untilStopped: () => Promise<void>;
}

const EXIT_CODES_HELP = `
Exit codes:
  0  plan valid (dry run), or every order filled and positions equal targets
  1  unexpected error
  2  bad input: usage, config, universe, scenario or credentials (nothing submitted)
  3  a validation gate failed (nothing submitted)
  4  execution incomplete: a partial fill, rejection, expiry, timeout or resize (see the report and the audit trail)
  5  skipped or blocked: market closed, not a rebalance day, another run holds the lock, account blocked,
     or the regime cannot be determined (data missing or rejected)

Broker: Alpaca paper trading when APCA_API_KEY_ID and APCA_API_SECRET_KEY are set (environment or .env);
otherwise the built-in local exchange (synthetic demo data), or --scenario for a scenario file.`;

interface RootOptions {
  dryRun?: boolean;
  regime?: Regime;
  topN?: number;
  universe?: string;
  force?: boolean;
  sizing?: SizingMode;
  config?: string;
  scenario?: string;
  json?: boolean;
  live?: boolean;
  auditFile?: string;
  cache?: boolean;
}

/** Parses the command line, runs the command and returns the process exit code. Never throws. */
export async function runCli(io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('rebalance')
    .description('Rebalance an Alpaca account to the top 52-week-high momentum stocks, sized by market regime.')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .option('--dry-run', 'plan and validate; submit nothing')
    .option('--regime <name>', 'force a regime: TREND_BULL | TREND_NEUTRAL | TREND_BEAR | CRASH (BULL, NEUTRAL, BEAR accepted); default: the regime detector', parseRegime)
    .option('--top-n <n>', 'how many picks, 1..100 (default from config: 10)', parseTopN)
    .option('--universe <u>', 'a name under config/universes/, a .json or .txt file, or "AAPL,MSFT,..."')
    .option('--force', 'market-hours gate warns instead of failing')
    .addOption(new Option('--sizing <mode>', 'floor | fill | fractional (default from config: fill)').argParser(parseSizing))
    .option('--config <file>', 'config file overriding any subset of keys (default: config/default.json, then config/local.json)')
    .option('--scenario <file>', 'run against the local exchange loaded with this scenario file')
    .option('--json', 'print the run report as one JSON document on stdout; logs go to stderr')
    .option('--live', 'allow trading a LIVE account (also needs "allowLive": true in the config)')
    .option('--audit-file <file>', 'CSV audit trail (default from config: logs/execution_log.csv)')
    .option('--no-cache', 'fetch every bar afresh; neither read nor write the on-disk bar cache')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: RootOptions) => {
      exitCode = await rebalanceCommand(options, io);
    });

  program
    .command('exchange')
    .description('serve the local Alpaca-compatible exchange in the foreground and print its base URL')
    .option('--scenario <file>', 'scenario file (default: the built-in demo scenario)')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)', parsePort)
    .action(async (options: { scenario?: string; port?: number }) => {
      const { serveExchange } = await import('../app/serve-exchange.js');
      exitCode = await serveExchange(options, io);
    });

  program
    .command('cache')
    .description('manage the on-disk bar cache')
    .command('clear')
    .description('empty the bar cache')
    .option('--config <file>', 'config file (for data.cacheDir)')
    .action(async (options: { config?: string }) => {
      exitCode = await clearCacheCommand(options, io);
    });

  program
    .command('regime')
    .description('show the market regime of a day and the inputs behind it; with --from/--to, its daily history')
    .option('--as-of <date>', 'YYYY-MM-DD (default: the latest completed trading day)')
    .option('--from <date>', 'YYYY-MM-DD: first day of the history')
    .option('--to <date>', 'YYYY-MM-DD: last day of the history')
    .option('--scenario <file>', 'run against the local exchange loaded with this scenario file')
    .option('--config <file>', 'config file overriding any subset of keys')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: { asOf?: string; from?: string; to?: string; scenario?: string; config?: string; json?: boolean }) => {
      exitCode = await regimeCommand(options, io);
    });

  try {
    await program.parseAsync([...io.argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return EXIT.ok;
      }
      return EXIT.badInput; // commander has already printed what was wrong
    }
    io.stderr(`rebalance: unexpected error: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.unexpected;
  }
}

async function clearCacheCommand(options: { config?: string }, io: CliIo): Promise<number> {
  const paths = packagePaths();
  const overrideFile = overrideFileFor(paths.configDir, options.config, io.cwd);
  const loaded = loadConfig({ defaultFile: paths.defaultConfig, ...(overrideFile !== undefined ? { overrideFile } : {}) });
  if (!loaded.ok) {
    for (const e of loaded.error) io.stderr(`rebalance cache clear: ${e}\n`);
    return EXIT.badInput;
  }
  const dir = cacheDirFor(loaded.value.data.cacheDir, readEnvironment(io.env, io.cwd), io.cwd);
  let removedFiles = 0;
  for (const source of await readdir(join(dir, 'sources')).catch(() => [] as string[])) {
    removedFiles += (await clearCache(join(dir, 'sources', source))).removedFiles;
  }
  io.stdout(`bar cache cleared: ${removedFiles} file(s) removed from ${dir}\n`);
  return EXIT.ok;
}

async function regimeCommand(
  options: { asOf?: string; from?: string; to?: string; scenario?: string; config?: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  const env = readEnvironment(io.env, io.cwd);
  const logger = createLogger({ level: env['LOG_LEVEL'] ?? 'warn', pretty: io.stderrIsTty });
  const request: RegimeRequest = {
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.scenario !== undefined ? { scenario: options.scenario } : {}),
    ...(options.config !== undefined ? { configFile: options.config } : {}),
  };
  const outcome = await runRegimeCommand(request, { env, cwd: io.cwd, paths: packagePaths(), logger, now: () => new Date(), fetchImpl: fetch });
  const scrub = (text: string): string => scrubSecrets(text, outcome.secrets);
  if (outcome.kind === 'error') {
    for (const e of outcome.errors) io.stderr(scrub(`rebalance regime: ${e}\n`));
    if (options.json === true) io.stdout(scrub(`${JSON.stringify({ exitCode: outcome.exitCode, errors: outcome.errors }, null, 2)}\n`));
    return outcome.exitCode;
  }
  io.stdout(scrub(options.json === true ? `${JSON.stringify(outcome.report, null, 2)}\n` : renderRegime(outcome.report)));
  return EXIT.ok;
}

async function rebalanceCommand(options: RootOptions, io: CliIo): Promise<number> {
  const env = readEnvironment(io.env, io.cwd);
  const logger = createLogger({
    level: env['LOG_LEVEL'] ?? (io.stderrIsTty ? 'warn' : 'info'),
    pretty: io.stderrIsTty,
  });
  const request: RebalanceRequest = {
    dryRun: options.dryRun === true,
    force: options.force === true,
    ...(options.regime !== undefined ? { regime: options.regime } : {}),
    ...(options.topN !== undefined ? { topN: options.topN } : {}),
    ...(options.universe !== undefined ? { universe: options.universe } : {}),
    ...(options.sizing !== undefined ? { sizing: options.sizing } : {}),
    ...(options.config !== undefined ? { configFile: options.config } : {}),
    ...(options.scenario !== undefined ? { scenario: options.scenario } : {}),
    ...(options.live === true ? { live: true } : {}),
    ...(options.auditFile !== undefined ? { auditFile: options.auditFile } : {}),
    ...(options.cache === false ? { noCache: true } : {}),
  };
  let outcome: RunOutcome;
  try {
    // The progress line is for a person at a terminal: never in --json output or a log file.
    const progress = createTtyProgress({ isTTY: io.stderrIsTty && options.json !== true, write: (text: string) => io.stderr(text) });
    outcome = await runRebalance(request, { env, cwd: io.cwd, paths: packagePaths(), logger, now: () => new Date(), pid: process.pid, fetchImpl: fetch, progress });
  } catch (error) {
    const secrets = [env['APCA_API_KEY_ID'], env['APCA_API_SECRET_KEY']].filter((s): s is string => !!s);
    const message = scrubSecrets((error as Error).message ?? String(error), secrets);
    // The stack is for developers (LOG_LEVEL=debug); users get one line and exit 1.
    logger.debug({ stack: scrubSecrets((error as Error).stack ?? '', secrets) }, 'unexpected error');
    outcome = { kind: 'error', exitCode: EXIT.unexpected, errors: [`unexpected error: ${message}`], secrets };
  }
  const scrub = (text: string): string => scrubSecrets(text, outcome.secrets);
  if (outcome.kind === 'error') {
    for (const e of outcome.errors) io.stderr(scrub(`rebalance: ${e}\n`));
    if (options.json === true) {
      const document = {
        mode: outcome.mode ?? (request.dryRun ? 'dry-run' : 'paper'),
        exitCode: outcome.exitCode,
        errors: outcome.errors,
        execution: outcome.execution ?? null,
      };
      io.stdout(scrub(`${JSON.stringify(document, null, 2)}\n`));
    }
    return outcome.exitCode;
  }
  io.stdout(scrub(options.json === true ? `${JSON.stringify(outcome.report, null, 2)}\n` : renderReport(outcome.report)));
  return outcome.report.exitCode;
}
