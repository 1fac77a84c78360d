import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli } from './support/run-cli.js';

const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');

/** README examples of the form `npm run rebalance -- <flags>   # exit N`. */
const examples = [...readme.matchAll(/^npm run rebalance -- (.+?)\s+# exit (\d)/gm)].map((m) => ({
  args: (m[1] ?? '').trim().split(/\s+/),
  exit: Number(m[2]),
}));

describe('README', () => {
  it('has the two set-up commands: a dry-run rebalance and the test suite', () => {
    expect(readme).toContain('npm ci && npm run rebalance -- --dry-run --regime TREND_NEUTRAL');
    expect(readme).toContain('npm ci && npm test');
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('example `rebalance $args` exits $exit', ({ args, exit }) => {
    const run = runBuiltCli(args);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(exit);
    if (args.includes('--json')) expect(JSON.parse(run.stdout).exitCode).toBe(exit);
  });

  it('documents the same exit codes as --help', () => {
    const help = runBuiltCli(['--help']).stdout;
    for (const code of ['0', '1', '2', '3']) {
      expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
      expect(help).toMatch(new RegExp(`^  ${code}  `, 'm'));
    }
  });
});
