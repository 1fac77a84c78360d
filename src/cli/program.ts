import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { readEnvironment, type Env } from '../app/environment.js';
import { createLogger } from '../app/logger.js';
import { packagePaths } from '../app/paths.js';
import type { CommandContext } from '../app/compose.js';
import type { Outcome } from '../app/outcome.js';
import { createTtyProgress } from '../market-data/progress/tty-progress.js';
import { runRebalance, type RebalanceRequest } from '../app/run-rebalance.js';
import type { Regime, SizingMode } from '../domain/index.js';
import { EXIT_CODE_MEANINGS, EXIT_CODES_HELP, exitCodeOf } from './exit-codes.js';
import { parseCapital, parsePort, parseRegime, parseSchedule, parseSizing, parseThreads, parseTopN } from './options.js';
import type { ScheduleKind } from '../schedule/rebalance-schedule.js';
import { renderReport } from './render-report.js';
import { renderRegime } from './render-regime.js';
import { envSecrets, scrubSecrets } from './scrub.js';

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

const HELP_AFTER = `
Examples:
  rebalance --dry-run                      plan against the built-in local exchange (demo data); submit nothing
  rebalance --dry-run --regime bear --top-n 5 --universe AAPL,MSFT,NVDA,AMD,AVGO,QCOM
  rebalance --regime neutral --force       trade the demo now, market hours or not
  rebalance demo reset                     put the demo account back as it started
  rebalance regime --as-of 2020-03-19      the regime of a day and the inputs behind it
  rebalance backtest --from 2024-01-02 --to 2025-11-19 --schedule monthly   replay the strategy on the demo data
  rebalance --dry-run --json | jq .orders  one JSON document on stdout; logs on stderr
${EXIT_CODES_HELP}

Broker: Alpaca paper trading when APCA_API_KEY_ID and APCA_API_SECRET_KEY are set (environment or .env);
otherwise the built-in local exchange (synthetic demo data), or --scenario for a scenario file. APCA_API_BASE_URL
other than Alpaca's paper host or a loopback address is treated as LIVE and needs --live and "allowLive": true.`;

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
  planOut?: string;
  plan?: string;
  reportHtml?: string;
}

/**
 * Parses the command line, runs the command and returns the process exit code. Never throws. The one place that
 * reads the process's facts for the commands, maps their outcomes to exit codes and scrubs secrets from output.
 */
export async function runCli(io: CliIo): Promise<number> {
  const env = readEnvironment(io.env, io.cwd);
  // Every printed line is scrubbed of the environment's keys, whatever a command reports as its own secrets.
  const scrub = (text: string, extra: readonly string[] = []): string => scrubSecrets(text, [...envSecrets(env), ...extra]);
  const out = { stdout: (text: string) => io.stdout(scrub(text)), stderr: (text: string) => io.stderr(scrub(text)) };
  const paths = packagePaths();
  const contextFor = (json: boolean): CommandContext => ({
    env,
    cwd: io.cwd,
    paths,
    logger: createLogger({ level: env['LOG_LEVEL'] ?? (io.stderrIsTty ? 'warn' : 'info'), pretty: io.stderrIsTty }),
    now: () => new Date(),
    pid: process.pid,
    fetchImpl: fetch,
    // The progress line is for a person at a terminal: never in --json output or a log file.
    progress: createTtyProgress({ isTTY: io.stderrIsTty && !json, write: (text: string) => io.stderr(text) }),
  });
  let outcome: Outcome = 'ok';
  const program = new Command()
    .name('rebalance')
    .description('Rebalance an Alpaca account to the top 52-week-high momentum stocks, sized by market regime.')
    .version(versionOf(paths.packageRoot), '-V, --version', 'print the version')
    .enablePositionalOptions()
    .allowExcessArguments(true)
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
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
    .option('--plan-out <file>', 'with --dry-run: write the validated plan for a person to approve')
    .option('--plan <file>', 'trade only if a plan made now matches this approved plan (else exit 3, nothing submitted)')
    .option('--report-html <file>', "also write the run's report as one self-contained HTML page")
    .addHelpText('after', HELP_AFTER)
    .action(async (options: RootOptions, command: Command) => {
      if (command.args.length > 0) {
        outcome = unknownCommand(command, out.stderr);
        return;
      }
      outcome = await rebalanceCommand(options, contextFor(options.json === true), out);
    });

  program
    .command('exchange')
    .description('serve the local Alpaca-compatible exchange in the foreground and print its base URL')
    .option('--scenario <file>', 'scenario file (default: the built-in demo scenario)')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)', parsePort)
    .action(async (options: { scenario?: string; port?: number }) => {
      const { serveExchange } = await import('../app/serve-exchange.js');
      outcome = await serveExchange(options, { ...io, ...out });
    });

  program
    .command('cache')
    .description('manage the on-disk bar cache')
    .command('clear')
    .description('empty the bar cache')
    .option('--config <file>', 'config file (for data.cacheDir)')
    .action(async (options: { config?: string }) => {
      const { clearCacheCommand } = await import('../app/cache-command.js');
      const result = await clearCacheCommand(options.config !== undefined ? { configFile: options.config } : {}, contextFor(false));
      if (result.kind === 'error') for (const e of result.errors) out.stderr(`rebalance cache clear: ${e}\n`);
      else out.stdout(`bar cache cleared: ${result.removedFiles} file(s) removed from ${result.dir}\n`);
      outcome = result.outcome;
    });

  program
    .command('demo')
    .description('the built-in local exchange (or a --scenario one)')
    .command('reset')
    .description("forget the local exchange's orders, fills and positions: the next run starts from the opening account")
    .option('--scenario <file>', 'reset this scenario instead of the built-in demo')
    .option('--config <file>', 'config file (for audit.path, beside which the state is kept)')
    .option('--audit-file <file>', 'the audit trail the runs used (the state is kept beside it)')
    .action(async (options: { scenario?: string; config?: string; auditFile?: string }) => {
      const { resetLocalExchange } = await import('../app/reset-command.js');
      const result = await resetLocalExchange(
        {
          ...(options.scenario !== undefined ? { scenario: options.scenario } : {}),
          ...(options.config !== undefined ? { configFile: options.config } : {}),
          ...(options.auditFile !== undefined ? { auditFile: options.auditFile } : {}),
        },
        contextFor(false),
      );
      if (result.kind === 'error') for (const e of result.errors) out.stderr(`rebalance demo reset: ${e}\n`);
      else {
        out.stdout(
          result.existed
            ? `local exchange "${result.scenario}" reset: removed ${result.statePath}; the next run starts from the opening account\n`
            : `local exchange "${result.scenario}" had no saved state (${result.statePath}): it already starts from the opening account\n`,
        );
      }
      outcome = result.outcome;
    });

  program
    .command('backtest')
    .description('replay the cron job over history with the same code, against a simulated broker; write a report')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD')
    .option('--universe <u>', 'as for a run; "all" with --data-dir: every symbol of the folder (default from config)')
    .option('--top-n <n>', 'how many picks, 1..100 (default from config)', parseTopN)
    .option('--schedule <s>', 'semiannual | quarterly | monthly | weekly | daily (default from config)', parseSchedule)
    .option('--regime <name>', 'force a regime every day (default: the detector, day by day)', parseRegime)
    .addOption(new Option('--sizing <mode>', 'floor | fill | fractional (default from config: fill)').argParser(parseSizing))
    .option('--capital <dollars>', 'starting cash (default from config: 100000)', parseCapital)
    .option('--config <file>', 'config file overriding any subset of keys (backtest.* sets fills, slippage, costs)')
    .option('--data-dir <dir>', 'one CSV per symbol (date,open,high,low,close,volume), split-adjusted')
    .option('--adj-dir <dir>', 'adjusted closes (date,adj_close) per symbol, for dividends (default: DATA_DIR/adjclose if present)')
    .option('--scenario <file>', "read the bars from this local-exchange scenario (default: the demo's, or Alpaca's with keys)")
    .option('--out <dir>', 'where to write the files (default: backtests/<from>_<to>_<time>/)')
    .option('--json', 'print summary.json on stdout')
    .option('--no-cache', 'fetch every bar afresh (Alpaca or local exchange data)')
    .option('--sweep <grid>', 'run a grid of config values, e.g. "exposure.policy=schedule,regime;schedule=monthly,quarterly;topN=5,10,20"; writes sweep.csv')
    .option('--walk-forward <spans>', 'with --sweep: pick the best Sharpe on each train span, run it on the next test span, e.g. "train=3y,test=1y"')
    .option('--threads <n>', 'worker threads for --sweep (default: one per core)', parseThreads)
    .option('--notify', 'tell the config\'s notify targets that listen to "always" when the backtest ends')
    .addHelpText('after', '\nExample:\n  rebalance backtest --from 2024-01-02 --to 2025-11-19 --schedule monthly     the demo data, two years\n')
    .action(async (options: BacktestOptions) => {
      outcome = await backtestCli(options, contextFor(options.json === true), out, io.stderrIsTty && options.json !== true);
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
      outcome = await regimeCommand(options, contextFor(options.json === true), out);
    });

  program
    .command('status')
    .description('is everything all right? the last run, drift from the targets a plan would set now, the regime, the lock; changes nothing')
    .option('--config <file>', 'config file overriding any subset of keys')
    .option('--scenario <file>', 'the local exchange loaded with this scenario file')
    .option('--audit-file <file>', 'CSV audit trail (default from config: logs/execution_log.csv)')
    .option('--universe <u>', 'as for a run')
    .option('--top-n <n>', 'as for a run', parseTopN)
    .option('--regime <name>', "force today's regime for the plan (default: the detector)", parseRegime)
    .option('--no-cache', 'fetch every bar afresh')
    .option('--json', 'print one JSON document on stdout')
    .option('--report-html <file>', 'also write the status, and the plan a run would make now, as one self-contained HTML page')
    .action(async (options: { json?: boolean }) => {
      // The other options reach statusCli as commander parsed them (StatusOptions).
      const { statusCli } = await import('./status-cli.js');
      outcome = await statusCli(options, contextFor(options.json === true), out);
    });

  try {
    await program.parseAsync([...io.argv], { from: 'user' });
    return exitCodeOf(outcome);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return exitCodeOf('ok');
      }
      return exitCodeOf('badInput'); // commander has already printed what was wrong
    }
    // A bug: one line for users (the stack is for LOG_LEVEL=debug), scrubbed like everything else.
    if (env['LOG_LEVEL'] === 'debug') out.stderr(`${(error as Error).stack ?? ''}\n`);
    out.stderr(`rebalance: unexpected error: ${(error as Error).message ?? String(error)}\n`);
    return exitCodeOf('unexpected');
  }
}

interface BacktestOptions {
  from: string;
  to: string;
  universe?: string;
  topN?: number;
  schedule?: ScheduleKind;
  regime?: Regime;
  sizing?: SizingMode;
  capital?: number;
  config?: string;
  dataDir?: string;
  adjDir?: string;
  scenario?: string;
  out?: string;
  json?: boolean;
  cache?: boolean;
  sweep?: string;
  walkForward?: string;
  threads?: number;
  notify?: boolean;
}

async function backtestCli(options: BacktestOptions, context: CommandContext, out: Out, showProgress: boolean): Promise<Outcome> {
  const { backtestCommand, sweepCommand } = await import('../app/backtest-command.js');
  const { renderBacktest } = await import('./render-backtest.js');
  const { renderSweep } = await import('./render-sweep.js');
  let shown = -1;
  const progress = (done: number, total: number): void => {
    const percent = Math.floor((done / total) * 100);
    if (!showProgress || percent === shown) return;
    shown = percent;
    out.stderr(`\rbacktest: ${percent}% (${done} of ${total} simulated days)${done === total ? '\n' : ''}`);
  };
  if (options.walkForward !== undefined && options.sweep === undefined) {
    out.stderr('rebalance backtest: --walk-forward needs --sweep (the grid to choose from)\n');
    return 'badInput';
  }
  const request = {
    from: options.from,
    to: options.to,
    ...(options.universe !== undefined ? { universe: options.universe } : {}),
    ...(options.topN !== undefined ? { topN: options.topN } : {}),
    ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
    ...(options.regime !== undefined ? { regime: options.regime } : {}),
    ...(options.sizing !== undefined ? { sizing: options.sizing } : {}),
    ...(options.capital !== undefined ? { capital: options.capital } : {}),
    ...(options.config !== undefined ? { configFile: options.config } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.adjDir !== undefined ? { adjDir: options.adjDir } : {}),
    ...(options.scenario !== undefined ? { scenario: options.scenario } : {}),
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.cache === false ? { noCache: true } : {}),
  };
  const result =
    options.sweep === undefined
      ? await backtestCommand(request, context, progress)
      : await sweepCommand(
          { ...request, sweep: options.sweep, ...(options.walkForward !== undefined ? { walkForward: options.walkForward } : {}), ...(options.threads !== undefined ? { threads: options.threads } : {}) },
          context,
          progress,
        );
  let outcome: Outcome = 'ok';
  if (result.kind === 'error') {
    for (const e of result.errors) out.stderr(`rebalance backtest: ${e}\n`);
    if (options.json === true) out.stdout(`${JSON.stringify({ exitCode: exitCodeOf(result.outcome), errors: result.errors }, null, 2)}\n`);
    outcome = result.outcome;
  } else if (result.kind === 'sweep') {
    const { curve: _curve, ...walkForward } = result.result.walkForward ?? { curve: null };
    const document = { from: result.result.from, to: result.result.to, runs: result.result.runs, walkForward: result.result.walkForward === null ? null : walkForward };
    out.stdout(options.json === true ? `${JSON.stringify(document, null, 2)}\n` : renderSweep(result.result, result.files));
  } else {
    out.stdout(options.json === true ? `${JSON.stringify(result.run.summary, null, 2)}\n` : renderBacktest(result.run, result.files));
  }
  // After the output, as for a run: a slow webhook never hides the result.
  if (options.notify === true) await (await import('./notify-after-run.js')).notifyAfterBacktest(result, options.config, context);
  return outcome;
}

type Out = { readonly stdout: (text: string) => void; readonly stderr: (text: string) => void };

function unknownCommand(program: Command, stderr: (text: string) => void): Outcome {
  const names = program.commands.map((c) => c.name());
  const word = program.args[0] ?? '';
  const close = names.find((n) => n.startsWith(word.slice(0, 3)) && word.length >= 3);
  stderr(
    `error: unknown command '${word}'${close !== undefined ? ` (did you mean '${close}'?)` : ''}\n` +
      `Commands: ${names.join(', ')}; without a command, rebalance runs (see rebalance --help)\n`,
  );
  return 'badInput';
}

async function regimeCommand(
  options: { asOf?: string; from?: string; to?: string; scenario?: string; config?: string; json?: boolean },
  context: CommandContext,
  out: Out,
): Promise<Outcome> {
  const { runRegimeCommand } = await import('../app/regime-command.js');
  const result = await runRegimeCommand(
    {
      ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
      ...(options.scenario !== undefined ? { scenario: options.scenario } : {}),
      ...(options.config !== undefined ? { configFile: options.config } : {}),
    },
    context,
  );
  const scrub = (text: string): string => scrubSecrets(text, result.secrets);
  if (result.kind === 'error') {
    for (const e of result.errors) out.stderr(scrub(`rebalance regime: ${e}\n`));
    if (options.json === true) out.stdout(scrub(`${JSON.stringify({ exitCode: exitCodeOf(result.outcome), errors: result.errors }, null, 2)}\n`));
    return result.outcome;
  }
  out.stdout(scrub(options.json === true ? `${JSON.stringify(result.report, null, 2)}\n` : renderRegime(result.report)));
  return 'ok';
}

async function rebalanceCommand(options: RootOptions, context: CommandContext, out: Out): Promise<Outcome> {
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
    ...(options.planOut !== undefined ? { planOut: options.planOut } : {}),
    ...(options.plan !== undefined ? { planFile: options.plan } : {}),
  };
  let result: Awaited<ReturnType<typeof runRebalance>>;
  try {
    result = await runRebalance(request, context);
  } catch (error) {
    // A bug: still one JSON document for --json readers; the stack only at LOG_LEVEL=debug.
    if (context.env['LOG_LEVEL'] === 'debug') out.stderr(`${(error as Error).stack ?? ''}\n`);
    result = { kind: 'error', outcome: 'unexpected', errors: [`unexpected error: ${(error as Error).message ?? String(error)}`], secrets: [] };
  }
  const outcome = await printRunResult(result, request, options, context, out);
  // Told after the report printed (within the notify deadline, so a slow webhook never hides it); never changes the outcome.
  await (await import('./notify-after-run.js')).notifyAfterRun(result, request, context);
  return outcome;
}

/** The run's report (or errors) on stdout/stderr, and the HTML page when asked; the run's outcome. */
async function printRunResult(
  result: Awaited<ReturnType<typeof runRebalance>>,
  request: RebalanceRequest,
  options: RootOptions,
  context: CommandContext,
  out: Out,
): Promise<Outcome> {
  const scrub = (text: string): string => scrubSecrets(text, result.secrets);
  if (result.kind === 'error') {
    for (const e of result.errors) out.stderr(scrub(`rebalance: ${e}\n`));
    if (options.json === true) {
      const document = {
        mode: result.mode ?? (request.dryRun ? 'dry-run' : null),
        outcome: result.outcome,
        exitCode: exitCodeOf(result.outcome),
        errors: result.errors,
        execution: result.execution ?? null,
      };
      out.stdout(scrub(`${JSON.stringify(document, null, 2)}\n`));
    }
    return result.outcome;
  }
  if (result.kind === 'unchanged') {
    // A daily cron with nothing to do stays quiet: one line (or one JSON document), exit 0.
    const document = { mode: result.mode, kind: 'none', outcome: 'ok', exitCode: exitCodeOf('ok'), regime: result.regime, reason: result.reason };
    out.stdout(scrub(options.json === true ? `${JSON.stringify(document, null, 2)}\n` : `${result.reason} (regime ${result.regime.name})\n`));
    return 'ok';
  }
  const report = { ...result.report, exitCode: exitCodeOf(result.report.outcome) };
  if (options.reportHtml !== undefined) {
    const { renderRunReportHtml } = await import('../report/run-report.js');
    writeFileSync(resolve(context.cwd, options.reportHtml), scrub(renderRunReportHtml(report, EXIT_CODE_MEANINGS[result.report.outcome])));
  }
  out.stdout(scrub(options.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report)));
  return result.report.outcome;
}

function versionOf(packageRoot: string): string {
  try {
    const parsed = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
