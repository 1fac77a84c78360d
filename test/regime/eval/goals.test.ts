import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../src/regime/eval/evaluate.js';
import { checkGoals } from '../../../src/regime/eval/goals.js';
import { anEvaluation, aWindow, somePeriods } from './builders.js';

function verdict(evaluation: Evaluation, goalStart: string): boolean | undefined {
  return checkGoals(evaluation).find((g) => g.goal.startsWith(goalStart))?.pass;
}

const crashIn = (period: string, counts: Record<string, number>): Evaluation =>
  anEvaluation({ periods: somePeriods({ 'March 2020': { CRASH: 22 }, 'October 2008': { CRASH: 23 }, [period]: counts }) });

describe('checkGoals', () => {
  it('passes every goal for a detector that meets them all', () => {
    const goals = checkGoals(anEvaluation());
    expect(goals.map((g) => [g.goal, g.pass])).toEqual([
      ['March 2020: CRASH on >= 20 of 22 days', true],
      ['October 2008: CRASH on >= 20 of 23 days', true],
      ['3-14 February 2020: no CRASH or TREND_BEAR', true],
      ["Four regimes: max drawdown <= half of buy-and-hold's (online)", true],
      ["Four regimes: Sharpe >= buy-and-hold's + 0.05 (online)", true],
      ['Four regimes: < 8 switches a year (online)', true],
      ['Jump model alone: < 2 switches a year (online)', true],
    ]);
  });

  it.each([
    ['March 2020', { CRASH: 20, TREND_BEAR: 2 }, 'March 2020', true],
    ['March 2020', { CRASH: 19, TREND_BEAR: 3 }, 'March 2020', false],
    ['October 2008', { CRASH: 20, TREND_BEAR: 3 }, 'October 2008', true],
    ['October 2008', { CRASH: 19, TREND_BEAR: 4 }, 'October 2008', false],
    ['3-14 February 2020', { TREND_BULL: 9, TREND_NEUTRAL: 1 }, '3-14 February', true],
    ['3-14 February 2020', { TREND_BULL: 9, TREND_BEAR: 1 }, '3-14 February', false],
    ['3-14 February 2020', { TREND_BULL: 9, CRASH: 1 }, '3-14 February', false],
  ])('labels %s %j: the goal passes = %s', (period, counts, goal, pass) => {
    expect(verdict(crashIn(period, counts), goal)).toBe(pass);
  });

  it.each([
    ['drawdown exactly half of buy-and-hold', { 'Four regimes': { maxDrawdown: -0.25 } }, 'Four regimes: max drawdown', true],
    ['drawdown over half', { 'Four regimes': { maxDrawdown: -0.26 } }, 'Four regimes: max drawdown', false],
    ['Sharpe 0.05 above', { 'Four regimes': { sharpe: 0.55 } }, 'Four regimes: Sharpe', true],
    ['Sharpe 0.04 above', { 'Four regimes': { sharpe: 0.54 } }, 'Four regimes: Sharpe', false],
    ['no Sharpe', { 'Four regimes': { sharpe: null } }, 'Four regimes: Sharpe', false],
    ['7.9 switches a year', { 'Four regimes': { switchesPerYear: 7.9 } }, 'Four regimes: < 8', true],
    ['8 switches a year', { 'Four regimes': { switchesPerYear: 8 } }, 'Four regimes: < 8', false],
    ['JM 1.99 switches a year', { 'Jump model 0/1': { switchesPerYear: 1.99 } }, 'Jump model alone', true],
    ['JM 2 switches a year', { 'Jump model 0/1': { switchesPerYear: 2 } }, 'Jump model alone', false],
  ] as const)('%s: the goal passes = %s', (_name, strategies, goal, pass) => {
    expect(verdict(anEvaluation({ windows: [aWindow('online', strategies)] }), goal)).toBe(pass);
  });

  it('judges the performance goals over the online span only; the recent window is reported, not judged', () => {
    const evaluation = anEvaluation({
      windows: [aWindow('online'), aWindow('2020-01-02 .. 2025-09-26', { 'Four regimes': { sharpe: 0.5 } })],
    });
    const sharpe = checkGoals(evaluation).filter((g) => g.goal.includes('Sharpe'));
    expect(sharpe.map((g) => [g.goal, g.pass, g.measured])).toEqual([
      ["Four regimes: Sharpe >= buy-and-hold's + 0.05 (online)", true, '0.600 vs 0.550'],
    ]);
  });
});
