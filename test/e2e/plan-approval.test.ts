import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, scratchDir } from '../support/run-cli.js';

/** run_kind of every run_finished row of the trail, in order. */
const finishedKinds = (cwd: string): string[] => {
  const rows = readFileSync(join(cwd, 'logs', 'execution_log.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const header = rows[0] as string[];
  return rows.filter((r) => r[header.indexOf('event')] === 'run_finished').map((r) => r.at(-1) as string);
};

const submitted = (cwd: string): number =>
  existsSync(join(cwd, 'logs', 'execution_log.csv')) ? readFileSync(join(cwd, 'logs', 'execution_log.csv'), 'utf8').split('\n').filter((l) => l.includes(',order_submitted,')).length : 0;

describe('plans a person can approve', () => {
  it('--dry-run --plan-out writes the validated plan; --plan trades it when a plan made now matches', () => {
    const cwd = scratchDir();
    const dry = runBuiltCli(['--dry-run', '--regime', 'neutral', '--plan-out', 'plan.json', '--json'], { cwd });
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8')) as { orders: unknown[]; regime: string; contentHash: string; tradingDate: string };
    const report = JSON.parse(dry.stdout) as { orders: unknown[]; approval: { planFile: string } };
    expect(plan).toMatchObject({ regime: 'TREND_NEUTRAL', tradingDate: '2025-11-20', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(plan.orders).toHaveLength(report.orders.length);
    expect(report.approval.planFile).toBe(join(cwd, 'plan.json'));
    expect(submitted(cwd)).toBe(0);

    const run = runBuiltCli(['--regime', 'neutral', '--force', '--plan', 'plan.json', '--json'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(submitted(cwd)).toBe(plan.orders.length);
  });

  it('exits 3 with the differences and submits nothing when the plan made now is not the approved one', () => {
    const cwd = scratchDir();
    expect(runBuiltCli(['--dry-run', '--regime', 'bull', '--plan-out', 'plan.json'], { cwd }).code).toBe(0);
    const run = runBuiltCli(['--regime', 'neutral', '--force', '--plan', 'plan.json'], { cwd });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('DIFFERS from the approved plan plan.json; nothing submitted');
    expect(run.stdout).toContain('regime: approved TREND_BULL, now TREND_NEUTRAL');
    expect(submitted(cwd)).toBe(0);
    // The planned and the blocked run both say which kind of run they were, on their last row.
    expect(finishedKinds(cwd)).toEqual(['selection', 'selection']);
  });

  it.each([
    [['--regime', 'neutral', '--force', '--plan', 'missing.json'], 'cannot read a plan'],
    [['--regime', 'neutral', '--force', '--plan-out', 'plan.json'], '--plan-out goes with --dry-run'],
    [['--dry-run', '--plan', 'plan.json'], '--plan goes with a real run'],
  ])('exits 2 on %j', (args, message) => {
    const run = runBuiltCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
