/** "Is everything all right?": the last run, the drift and the plan's own trouble, as one outcome with reasons. Pure. */
import type { Outcome } from '../app/outcome.js';
import type { LastRun } from './last-run.js';

export interface VerdictInputs {
  readonly lastRun: LastRun | undefined;
  /** A live run holds the lock: an unfinished last run is that run, not a crash. */
  readonly lockHeld: boolean;
  /** Total drift as a fraction of equity; null when no plan could be made (or nothing to change). */
  readonly drift: number | null;
  readonly band: number;
  /** Why today's dry-run plan could not be made, and how that run would have ended. */
  readonly planError?: { readonly outcome: Outcome; readonly message: string };
}

export interface Verdict {
  readonly outcome: Outcome;
  readonly reasons: readonly string[];
}

// Worst first: a status exits with the worst of its findings.
const SEVERITY: readonly Outcome[] = ['badInput', 'unexpected', 'skipped', 'gateFailed', 'incomplete', 'ok'];

/**
 * ok (exit 0): no run recorded yet (drift is not judged then), or the last one completed (or planned, or had
 * nothing to change, or was skipped as a cron's run on a day without work) and drift is within the band. incomplete
 * (4): the last run was incomplete, or drift beyond the band. skipped (5): the last run failed or was blocked (a
 * failed gate too), or stopped without finishing while no run holds the lock.
 */
export function decideStatus(inputs: VerdictInputs): Verdict {
  const findings: { outcome: Outcome; reason: string }[] = [];
  const run = inputs.lastRun;
  if (run !== undefined) {
    const why = run.reason !== null ? `: ${run.reason}` : '';
    if (run.status === 'failed') findings.push({ outcome: 'skipped', reason: `the last run failed${why}` });
    // A skip (not a rebalance day, market closed, another run busy) is a daily cron doing its job: said, not held
    // against the status; a block (account, gate, regime) needs a person.
    else if (run.status === 'skipped') findings.push({ outcome: 'ok', reason: `the last run was skipped${why}` });
    else if (run.status === 'blocked') findings.push({ outcome: 'skipped', reason: `the last run was blocked${why}` });
    else if (run.status === 'unfinished' && !inputs.lockHeld) {
      findings.push({ outcome: 'skipped', reason: 'the last run did not finish (no run_finished row) and no run holds the lock' });
    } else if (run.status === 'incomplete') findings.push({ outcome: 'incomplete', reason: `the last run was incomplete${why}` });
  }
  // Before the tool's first run the account is whatever it was given: drift is shown, not held against it.
  if (run !== undefined && inputs.drift !== null && inputs.drift > inputs.band) {
    findings.push({ outcome: 'incomplete', reason: `drift ${percent(inputs.drift)} of equity exceeds the band ${percent(inputs.band)}` });
  }
  if (inputs.planError !== undefined) findings.push({ outcome: inputs.planError.outcome, reason: `no plan: ${inputs.planError.message}` });
  const worst = findings.map((f) => f.outcome).sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b))[0] ?? 'ok';
  return { outcome: worst, reasons: findings.map((f) => f.reason) };
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
