import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as RunRebalanceModule_ from '../../src/app/run-rebalance.js';
import type { RebalanceRequest, RunOutcome } from '../../src/app/run-rebalance.js';

type RunRebalanceModule = typeof RunRebalanceModule_;

// CLI wiring only: the run itself is replaced, so these tests check flags in and exit codes / output out.
const runRebalance = vi.fn<(request: RebalanceRequest) => Promise<RunOutcome>>();
vi.mock('../../src/app/run-rebalance.js', async (importOriginal) => ({
  ...(await importOriginal<RunRebalanceModule>()),
  runRebalance: (request: RebalanceRequest) => runRebalance(request),
}));
const runRegimeCommand = vi.fn<() => Promise<never>>();
vi.mock('../../src/app/regime-command.js', () => ({ runRegimeCommand: () => runRegimeCommand() }));
const runStatusCommand = vi.fn<(request: unknown) => Promise<unknown>>();
vi.mock('../../src/app/status-command.js', () => ({ runStatusCommand: (request: unknown) => runStatusCommand(request) }));
const { runCli } = await import('../../src/cli/program.js');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli({
    argv,
    env: {},
    cwd: process.cwd(),
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    stderrIsTty: false,
    untilStopped: async () => {},
  });
  return { code, out, err };
}

describe('rebalance command line', () => {
  beforeEach(() => {
    runRebalance.mockReset();
    runRebalance.mockResolvedValue({ kind: 'error', outcome: 'badInput', errors: ['stub'], secrets: [] });
  });

  it('passes every flag to the run', async () => {
    await cli('--dry-run', '--regime', 'neutral', '--top-n', '5', '--universe', 'AAPL,MSFT', '--force', '--sizing', 'floor', '--config', 'c.json', '--scenario', 's.json');
    expect(runRebalance).toHaveBeenCalledWith({
      dryRun: true, force: true, regime: 'TREND_NEUTRAL', topN: 5, universe: 'AAPL,MSFT', sizing: 'floor', configFile: 'c.json', scenario: 's.json',
    });
  });

  it('passes --live and --audit-file, and runs for real without --dry-run', async () => {
    await cli('--regime', 'bull', '--live', '--audit-file', 'trail.csv');
    expect(runRebalance).toHaveBeenCalledWith({ dryRun: false, force: false, regime: 'TREND_BULL', live: true, auditFile: 'trail.csv' });
  });

  it.each([
    [['--top-n', '0']],
    [['--top-n', '-1']],
    [['--top-n', 'abc']],
    [['--top-n', '1.5']],
    [['--regime', 'SIDEWAYS']],
    [['--sizing', 'yolo']],
    [['--no-such-flag']],
  ])('exits 2 on bad usage %j with a message and no stack trace, running nothing', async (argv) => {
    const { code, err } = await cli('--dry-run', ...argv);
    expect(code).toBe(2);
    expect(err).toMatch(/error: /);
    expect(err).not.toMatch(/\n\s+at /);
    expect(runRebalance).not.toHaveBeenCalled();
  });

  it('prints errors on stderr and, with --json, a JSON document with the exit code on stdout', async () => {
    runRebalance.mockResolvedValue({ kind: 'error', outcome: 'badInput', errors: ['universe: unknown universe "x"'], secrets: [] });
    const { code, out, err } = await cli('--dry-run', '--regime', 'bull', '--json');
    expect(code).toBe(2);
    expect(err).toContain('unknown universe "x"');
    expect(JSON.parse(out)).toEqual({ mode: 'dry-run', outcome: 'badInput', exitCode: 2, errors: ['universe: unknown universe "x"'], execution: null });
  });

  it('scrubs secrets from anything it prints', async () => {
    runRebalance.mockResolvedValue({ kind: 'error', outcome: 'badInput', errors: ['broker said: key sk-very-secret bad'], secrets: ['sk-very-secret'] });
    const { err } = await cli('--dry-run', '--regime', 'bull');
    expect(err).toContain('[redacted]');
    expect(err).not.toContain('sk-very-secret');
  });

  it('maps an unexpected exception to exit 1 with a one-line message', async () => {
    runRebalance.mockRejectedValue(new Error('boom'));
    const { code, err } = await cli('--dry-run', '--regime', 'bull');
    expect(code).toBe(1);
    expect(err).toContain('unexpected error: boom');
  });

  it('documents the exit codes in --help and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/Exit codes:[\s\S]*0 +plan valid[\s\S]*2 +bad input[\s\S]*3 +a validation gate failed[\s\S]*4 +execution incomplete[\s\S]*5 +skipped or blocked/);
  });
});

describe('rebalance command line: words a new user tries', () => {
  it('prints the version with --version and -V, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const { code, out } = await cli(flag);
      expect(code).toBe(0);
      expect(out.trim()).toBe(version);
    }
    expect(runRebalance).not.toHaveBeenCalled();
  });

  it.each([
    ['run', /unknown command 'run'/],
    ['regmie', /unknown command 'regmie' \(did you mean 'regime'\?\)/],
  ])('says "unknown command" for %s with the list of commands, exit 2, running nothing', async (word, message) => {
    const { code, err } = await cli(word);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('Commands: exchange, cache, demo, backtest, regime, status');
    expect(err).not.toContain('too many arguments');
    expect(runRebalance).not.toHaveBeenCalled();
  });

  it('shows examples in --help', async () => {
    const { out } = await cli('--help');
    expect(out).toMatch(/Examples:\n {2}rebalance --dry-run /);
    expect(out).toContain('rebalance demo reset');
  });

  it.each([[['--dry-run']], [['regime']]])('scrubs the environment keys from an unexpected error of %j, exit 1', async (argv) => {
    runRebalance.mockRejectedValue(new Error('exploded near sk-env-secret-777'));
    runRegimeCommand.mockRejectedValue(new Error('exploded near sk-env-secret-777'));
    let err = '';
    const code = await runCli({
      argv,
      env: { APCA_API_KEY_ID: 'PKENVKEY', APCA_API_SECRET_KEY: 'sk-env-secret-777' },
      cwd: process.cwd(),
      stdout: () => undefined,
      stderr: (t) => (err += t),
      stderrIsTty: false,
      untilStopped: async () => {},
    });
    expect(code).toBe(1);
    expect(err).toContain('unexpected error: exploded near [redacted]');
    expect(err).not.toContain('sk-env-secret-777');
  });
});

describe('rebalance status command line', () => {
  it('passes its flags to the status command and maps its outcome to the exit code', async () => {
    runStatusCommand.mockReset();
    runStatusCommand.mockResolvedValue({ kind: 'error', outcome: 'skipped', errors: ['stub'], secrets: [] });
    const { code, out, err } = await cli('status', '--config', 'c.json', '--scenario', 's.json', '--audit-file', 'a.csv', '--universe', 'AAPL,MSFT', '--top-n', '5', '--regime', 'bear', '--no-cache', '--json');
    expect(runStatusCommand).toHaveBeenCalledWith({ configFile: 'c.json', scenario: 's.json', auditFile: 'a.csv', universe: 'AAPL,MSFT', topN: 5, regime: 'TREND_BEAR', noCache: true });
    expect(code).toBe(5);
    expect(err).toContain('rebalance status: stub');
    expect(JSON.parse(out)).toEqual({ outcome: 'skipped', exitCode: 5, errors: ['stub'] });
  });
});
