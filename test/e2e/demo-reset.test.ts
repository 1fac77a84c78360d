import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, scratchDir } from '../support/run-cli.js';

interface Report {
  readonly exitCode: number;
  readonly orders: readonly unknown[];
  readonly execution: { readonly status: string } | null;
}

const json = (stdout: string): Report => JSON.parse(stdout) as Report;

describe('rebalance demo reset', () => {
  it('puts the demo back as it started after a trade, so the README dry run plans orders again', () => {
    const cwd = scratchDir();
    const before = json(runBuiltCli(['--dry-run', '--regime', 'neutral', '--json'], { cwd }).stdout);
    expect(before.orders.length).toBeGreaterThan(0);

    const trade = runBuiltCli(['--regime', 'neutral', '--force', '--json'], { cwd });
    expect(trade.code, trade.stderr).toBe(0);
    expect(json(trade.stdout).execution?.status).toBe('complete');
    expect(json(runBuiltCli(['--dry-run', '--regime', 'neutral', '--json'], { cwd }).stdout).orders).toHaveLength(0);

    const reset = runBuiltCli(['demo', 'reset'], { cwd });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/^local exchange "demo" reset: removed .*exchange-state.*\.json; the next run starts from the opening account\n$/);

    const after = json(runBuiltCli(['--dry-run', '--regime', 'neutral', '--json'], { cwd }).stdout);
    expect(after.orders).toEqual(before.orders);

    const again = runBuiltCli(['demo', 'reset'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('had no saved state');
  });

  it('refuses to touch anything when Alpaca credentials are set and no scenario is named (exit 2)', () => {
    const run = runBuiltCli(['demo', 'reset'], { env: { APCA_API_KEY_ID: 'PKRESET', APCA_API_SECRET_KEY: 'reset-secret-value' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('reset only ever touches the local exchange');
    expect(run.stderr).not.toContain('reset-secret-value');
  });
});

describe('a run lock that cannot be taken', () => {
  it('is exit 1 with the cause (a fault to fix), not exit 5 (another run)', () => {
    const cwd = scratchDir();
    writeFileSync(join(cwd, 'blocker'), 'a file where the trail folder should be');
    const run = runBuiltCli(['--regime', 'neutral', '--force', '--audit-file', 'blocker/trail.csv'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot take the run lock .*blocker.*: E[A-Z]+: /);
  });
});
