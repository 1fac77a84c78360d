import type { Evaluation, PeriodLabels, StrategyName, WindowResult } from '../../../src/regime/eval/evaluate.js';
import { LABEL_PERIODS } from '../../../src/regime/eval/evaluate.js';
import type { Performance } from '../../../src/regime/eval/metrics.js';
import type { RegimeDay } from '../../../src/regime/types.js';

/** A labelled online day: bull, trend up, no crash, with features; override what the test is about. */
export function aRegimeDay(overrides: Partial<RegimeDay> = {}): RegimeDay {
  return {
    date: '2020-01-02',
    regime: 'TREND_BULL',
    jm: 'bull',
    evidence: 10,
    features: { dd10: 0.01, sortino20: 0.5, sortino60: 0.4 },
    ddAnnualized: 0.15,
    sma50: 100,
    sma200: 95,
    trendUp: true,
    vix: 15,
    triggers: [],
    inCrash: false,
    calmDays: 0,
    refitDate: '2020-01-02',
    lambda: 50,
    ...overrides,
  };
}

export function aPerformance(overrides: Partial<Performance> = {}): Performance {
  return {
    days: 252,
    cagr: 0.1,
    volatility: 0.2,
    sharpe: 0.5,
    maxDrawdown: -0.5,
    turnover: 0,
    switchesPerYear: 0,
    ...overrides,
  };
}

export function aWindow(
  name: string,
  strategies: Partial<Record<StrategyName, Partial<Performance>>> = {},
): WindowResult {
  return {
    name,
    from: '2006-01-03',
    to: '2025-09-26',
    strategies: new Map([
      ['Buy and hold', aPerformance(strategies['Buy and hold'])],
      ['Jump model 0/1', aPerformance({ sharpe: 0.7, maxDrawdown: -0.2, turnover: 0.5, switchesPerYear: 1, ...strategies['Jump model 0/1'] })],
      ['Four regimes', aPerformance({ sharpe: 0.6, maxDrawdown: -0.2, turnover: 1.5, switchesPerYear: 5, ...strategies['Four regimes'] })],
    ]),
  };
}

/** Label counts for every reference period: all TREND_BULL unless `regimes` gives a period's counts. */
export function somePeriods(regimes: Record<string, Record<string, number>> = {}): PeriodLabels[] {
  return LABEL_PERIODS.map((p) => {
    const counts = regimes[p.name] ?? { TREND_BULL: 10 };
    const days = Object.values(counts).reduce((a, b) => a + b, 0);
    return { ...p, days, regimes: new Map(Object.entries(counts)), jm: new Map([['bull', days]]) };
  });
}

export function anEvaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    onlineStart: '2006-01-03',
    lastDate: '2025-09-26',
    unlabelledDays: 0,
    windows: [aWindow('online')],
    periods: somePeriods({ 'March 2020': { CRASH: 22 }, 'October 2008': { CRASH: 23 } }),
    regimeShares: new Map([['TREND_BULL', 3], ['CRASH', 1]]),
    transitions: new Map([['TREND_BULL → CRASH', 1]]),
    chart: [],
    ...overrides,
  };
}
