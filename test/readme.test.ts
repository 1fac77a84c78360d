import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli } from './support/run-cli.js';
import { EXIT_CODES } from '../src/cli/exit-codes.js';

const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');

/** README examples of the form `npm run [--silent] rebalance -- <flags>   # exit N`. */
const examples = [...readme.matchAll(/^(npm run (?:--silent )?rebalance -- .+?)\s+# exit (\d)/gm)].map((m) => ({
  command: m[1] ?? '',
  exit: Number(m[2]),
}));

function cleanEnv(): Record<string, string> {
  // The examples' bar cache lives in a scratch folder too, never the user's.
  const env: Record<string, string> = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'rebalancer-readme-cache-')) };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('APCA_') && k !== 'XDG_CACHE_HOME') env[k] = v;
  return env;
}

/**
 * A working copy of the package made of links to the checkout: `npm run` runs there, so the examples' trails and the
 * demo exchange's state land in a scratch folder, and one example's trades cannot change another's plan.
 */
function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-readme-'));
  for (const entry of ['package.json', 'package-lock.json', 'node_modules', 'dist', 'src', 'config', 'scripts', 'tsconfig.json', 'tsconfig.build.json']) {
    symlinkSync(resolve(REPO_ROOT, entry), join(dir, entry));
  }
  return dir;
}

describe('README', () => {
  it('has the two set-up commands: a dry-run rebalance and the test suite', () => {
    expect(readme).toContain('npm ci && npm run rebalance -- --dry-run --regime TREND_NEUTRAL');
    expect(readme).toContain('npm ci && npm test');
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('`$command` exits $exit', ({ command, exit }) => {
    const run = spawnSync('npm', command.split(/\s+/).slice(1), { cwd: sandbox(), env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(exit);
    if (command.includes('--json')) expect(JSON.parse(run.stdout).exitCode).toBe(exit);
  });

  it('the Backtest section\'s CSV example runs as written (with ../shared/ where this checkout finds it)', () => {
    const block = /```sh\n(npm run rebalance -- backtest [^\n]*# the demo[^\n]*)\n(npm run rebalance -- backtest [^`]*?)```/.exec(readme);
    expect(block, 'the Backtest section shows a demo and a CSV command').not.toBeNull();
    const command = (block?.[2] ?? '').replace(/\\\n\s*/g, ' ').replace(/#.*$/m, '').trim();
    expect(command).toContain('--data-dir ../shared/data/daily');
    const args = command.replaceAll('../shared/', `${resolve(REPO_ROOT, '..', 'shared')}/`).split(/\s+/).slice(1);
    const run = spawnSync('npm', args, { cwd: sandbox(), env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('total return (dividends credited as cash)');
    expect(run.stdout).toMatch(/SPY buy & hold\s+\d+\.\d\d%/);
  });

  it('the sweep example runs as written and prints the walk-forward beside the best in-sample run', () => {
    const block = /```sh\n(npm run rebalance -- backtest [^`]*?--sweep [^`]*?)```/.exec(readme);
    expect(block, 'the README shows a sweep with a walk-forward').not.toBeNull();
    const command = (block?.[1] ?? '').replace(/\\\n\s*/g, ' ').trim();
    const args = command.split(/\s+/).slice(1).map((a) => a.replace(/^'(.*)'$/, '$1'));
    // Exactly as written: a sandbox with ../shared beside it (the config names ../shared/... from the working
    // directory, as a checkout has it), and bench/ where the example's config lives.
    const parent = mkdtempSync(join(tmpdir(), 'rebalancer-readme-sweep-'));
    symlinkSync(resolve(REPO_ROOT, '..', 'shared'), join(parent, 'shared'));
    const cwd = join(parent, 'checkout');
    renameSync(sandbox(), cwd);
    symlinkSync(resolve(REPO_ROOT, 'bench'), join(cwd, 'bench'));
    const run = spawnSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 180_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('4 runs, ranked by Sharpe (in sample)');
    expect(run.stdout).toMatch(/out of sample \(chained tests\)\s+2016-02-03\.\.2018-02-0\d/);
  });

  it('documents every exit code of the code in the README, docs/architecture.md and --help', () => {
    const help = runBuiltCli(['--help']).stdout;
    const architecture = readFileSync(resolve(REPO_ROOT, 'docs', 'architecture.md'), 'utf8');
    const codes = Object.values(EXIT_CODES);
    expect(codes).toEqual([0, 1, 2, 3, 4, 5]);
    for (const code of codes) {
      expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
      expect(architecture).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
      expect(help).toMatch(new RegExp(`^  ${code}  `, 'm'));
    }
  });
});
