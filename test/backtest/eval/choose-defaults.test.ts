import { describe, expect, it } from 'vitest';
import { chooseDefaults, type HalfRuns } from '../../../src/backtest/eval/choose-defaults.js';
import type { BacktestMetrics } from '../../../src/backtest/types.js';

const m = (sharpe: number | null): BacktestMetrics => ({ sharpe } as unknown as BacktestMetrics);
const A = { schedule: 'semiannual' };
const B = { schedule: 'monthly' };
const C = { schedule: 'quarterly' };
const runs = (a: number, b: number, c: number): HalfRuns['firstHalf'] => [
  { params: A, metrics: m(a) },
  { params: B, metrics: m(b) },
  { params: C, metrics: m(c) },
];

describe('chooseDefaults', () => {
  it('keeps the default when the first half picks something that does worse out of sample on a data set', () => {
    const choice = chooseDefaults(A, [
      { name: 'x', firstHalf: runs(0.5, 0.9, 0.6), secondHalf: runs(0.7, 0.8, 0.6) },
      { name: 'y', firstHalf: runs(0.4, 0.8, 0.5), secondHalf: runs(0.7, 0.6, 0.9) },
    ]);
    expect(choice).toMatchObject({ chosen: A, changed: false });
    expect(choice.reason).toContain('schedule=monthly: second-half Sharpe x 0.80 vs default 0.70, y 0.60 vs default 0.70');
  });

  it('adopts a first-half pick that is at least as good on every second half', () => {
    const choice = chooseDefaults(A, [
      { name: 'x', firstHalf: runs(0.5, 0.9, 0.6), secondHalf: runs(0.7, 0.8, 0.6) },
      { name: 'y', firstHalf: runs(0.4, 0.8, 0.5), secondHalf: runs(0.5, 0.6, 0.9) },
    ]);
    expect(choice).toMatchObject({ chosen: B, changed: true });
  });

  it('never picks by the second half: a set no first half chose is not considered, however well it did later', () => {
    const choice = chooseDefaults(A, [{ name: 'x', firstHalf: runs(0.9, 0.5, 0.1), secondHalf: runs(0.5, 0.5, 2.0) }]);
    expect(choice).toMatchObject({ chosen: A, changed: false });
    expect(choice.reason).toContain('the first halves picked the current default');
  });
});
