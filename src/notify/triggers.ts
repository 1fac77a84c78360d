/** Which targets a run's notice goes to. Pure. */
import type { NotifyTarget, NotifyTrigger } from '../config/schema.js';

/** What the triggers look at, taken from the run's notice. */
export interface TriggerFacts {
  readonly exitCode: number;
  /** Exit 5 because the run was blocked (account blocked, no regime), not a routine skip. */
  readonly blocked: boolean;
  readonly fills: number;
  readonly regimeChanged: boolean;
  /** A dry run or a backtest: nothing real happened, so only "always" targets hear of it. */
  readonly simulated: boolean;
}

/** The triggers this run fires; a simulated run fires "always" alone. */
export function firedTriggers(facts: TriggerFacts): ReadonlySet<NotifyTrigger> {
  const fired = new Set<NotifyTrigger>(['always']);
  if (facts.simulated) return fired;
  if ([1, 2, 3].includes(facts.exitCode) || (facts.exitCode === 5 && facts.blocked)) fired.add('failure');
  if (facts.exitCode === 4) fired.add('incomplete');
  if (facts.fills > 0) fired.add('trade');
  if (facts.regimeChanged) fired.add('regime-change');
  return fired;
}

/** The targets listening to any trigger the run fired, in config order; one message each. */
export function matchingTargets(targets: readonly NotifyTarget[], facts: TriggerFacts): readonly NotifyTarget[] {
  const fired = firedTriggers(facts);
  return targets.filter((target) => target.on.some((trigger) => fired.has(trigger)));
}
