import { describe, expect, it } from 'vitest';
import type { NotifyTarget, NotifyTrigger } from '../../src/config/schema.js';
import { firedTriggers, matchingTargets, type TriggerFacts } from '../../src/notify/triggers.js';

const run = (overrides: Partial<TriggerFacts> = {}): TriggerFacts => ({ exitCode: 0, blocked: false, fills: 0, regimeChanged: false, simulated: false, ...overrides });

describe('firedTriggers', () => {
  it.each<[string, Partial<TriggerFacts>, NotifyTrigger[]]>([
    ['a quiet run fires always alone', {}, ['always']],
    ['a run with fills fires trade', { fills: 3 }, ['always', 'trade']],
    ['exit 1 is a failure', { exitCode: 1 }, ['always', 'failure']],
    ['exit 2 is a failure', { exitCode: 2 }, ['always', 'failure']],
    ['exit 3 (a gate failed) is a failure', { exitCode: 3 }, ['always', 'failure']],
    ['exit 4 is incomplete, with its fills a trade', { exitCode: 4, fills: 1 }, ['always', 'incomplete', 'trade']],
    ['exit 5 blocked is a failure', { exitCode: 5, blocked: true }, ['always', 'failure']],
    ['exit 5 skipped (not a rebalance day) is routine', { exitCode: 5 }, ['always']],
    ['a changed regime fires regime-change', { regimeChanged: true }, ['always', 'regime-change']],
    ['a dry run fires always alone, whatever happened', { simulated: true, exitCode: 3, fills: 0, regimeChanged: true }, ['always']],
  ])('%s', (_name, facts, expected) => {
    expect([...firedTriggers(run(facts))].sort()).toEqual([...expected].sort());
  });
});

describe('matchingTargets', () => {
  const target = (name: string, on: NotifyTrigger[]): NotifyTarget => ({ url: `https://example.test/${name}`, format: 'json', on });
  const targets = [target('ops', ['failure', 'incomplete']), target('trades', ['trade']), target('all', ['always']), target('regime', ['regime-change'])];
  const names = (facts: Partial<TriggerFacts>): string[] => matchingTargets(targets, run(facts)).map((t) => t.url.split('/').at(-1) ?? '');

  it('sends a filled run to the trade and always targets, in config order', () => {
    expect(names({ fills: 2 })).toEqual(['trades', 'all']);
  });

  it('sends a failed run to the failure and always targets', () => {
    expect(names({ exitCode: 3 })).toEqual(['ops', 'all']);
  });

  it('sends a dry run only to targets listening to always', () => {
    expect(names({ simulated: true, fills: 0, regimeChanged: true })).toEqual(['all']);
  });

  it('sends a regime change to its listeners', () => {
    expect(names({ regimeChanged: true })).toEqual(['all', 'regime']);
  });
});
