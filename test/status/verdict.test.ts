import { describe, expect, it } from 'vitest';
import type { LastRun, LastRunStatus } from '../../src/status/last-run.js';
import { decideStatus } from '../../src/status/verdict.js';

function aLastRun(status: LastRunStatus, reason: string | null = null): LastRun {
  return { runId: 'r', mode: 'local', startedAt: 't0', finishedAt: 't1', kind: 'selection', status, reason, gateFailed: false, outcome: null, regime: 'TREND_NEUTRAL', orders: [] };
}

describe('decideStatus', () => {
  it.each([
    ['no run recorded yet, even far from the targets', undefined, false, 0.9, 'ok'],
    ['the last run complete and drift within the band', aLastRun('complete'), false, 0.01, 'ok'],
    ['the last run a dry run, drift within the band', aLastRun('planned'), false, 0.05, 'ok'],
    ['the exposure policy had nothing to change', aLastRun('no change'), false, null, 'ok'],
    ['the last run complete but drift beyond the band', aLastRun('complete'), false, 0.051, 'incomplete'],
    ['the last run incomplete', aLastRun('incomplete'), false, 0, 'incomplete'],
    ['the last run skipped (a cron on a day without work), drift within the band', aLastRun('skipped'), false, 0, 'ok'],
    ['the last run skipped, drift beyond the band', aLastRun('skipped'), false, 0.2, 'incomplete'],
    ['the last run blocked, and drift beyond the band', aLastRun('blocked'), false, 0.5, 'skipped'],
    ['the last run failed', aLastRun('failed'), false, 0, 'skipped'],
    ['the last run unfinished while a run holds the lock', aLastRun('unfinished'), true, 0, 'ok'],
    ['the last run unfinished with the lock free (a crash)', aLastRun('unfinished'), false, 0, 'skipped'],
  ] as const)('%s: %s', (_name, lastRun, lockHeld, drift, outcome) => {
    expect(decideStatus({ lastRun, lockHeld, drift, band: 0.05 }).outcome).toBe(outcome);
  });

  it('gives every finding as a reason, worst outcome wins', () => {
    const verdict = decideStatus({ lastRun: aLastRun('incomplete', 'buy AAPL is canceled'), lockHeld: false, drift: 0.08, band: 0.05 });
    expect(verdict).toEqual({
      outcome: 'incomplete',
      reasons: ['the last run was incomplete: buy AAPL is canceled', 'drift 8.00% of equity exceeds the band 5.00%'],
    });
  });

  it("takes the plan's own trouble (no regime today) into account", () => {
    const verdict = decideStatus({ lastRun: aLastRun('complete'), lockHeld: false, drift: null, band: 0.05, planError: { outcome: 'skipped', message: 'regime undeterminable' } });
    expect(verdict).toEqual({ outcome: 'skipped', reasons: ['no plan: regime undeterminable'] });
  });
});
