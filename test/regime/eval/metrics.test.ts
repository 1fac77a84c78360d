import { describe, expect, it } from 'vitest';
import type { HeldDay, SignalDay } from '../../../src/regime/eval/metrics.js';
import { countLabels, performance, simulateExposure } from '../../../src/regime/eval/metrics.js';

/** Signal days on consecutive dates d0, d1, ... from closes and exposures. */
function signalDays(closes: readonly number[], exposures: readonly number[]): SignalDay[] {
  return closes.map((close, i) => ({ date: `d${i}`, close, exposure: exposures[i] ?? 0 }));
}

/** `n` held days with zero return except the given ones, at the given weights (default 1). */
function heldDays(n: number, returns: Record<number, number>, weights: Record<number, number> = {}): HeldDay[] {
  const days: HeldDay[] = [];
  for (let i = 0; i < n; i++) {
    const weight = weights[i] ?? days[i - 1]?.weight ?? 1;
    const turn = i === 0 ? 0 : Math.abs(weight - (days[i - 1] as HeldDay).weight);
    days.push({ date: `d${i}`, weight, turn, ret: returns[i] ?? 0 });
  }
  return days;
}

describe('simulateExposure', () => {
  it('earns a label of day t only from day t+2 with a one-day delay', () => {
    // Exposure 1 is decided on day 1 only: traded at day 2's close, it earns day 3 (100 -> 150, +50%),
    // not day 1 (+100%) or day 2 (-50%).
    const held = simulateExposure(signalDays([100, 200, 100, 150, 150], [0, 1, 0, 0, 0]), {
      delayDays: 1,
      oneWayCost: 0,
    });
    expect(held).toEqual([
      { date: 'd2', weight: 0, turn: 0, ret: expect.closeTo(0, 15) },
      { date: 'd3', weight: 1, turn: 1, ret: expect.closeTo(0.5, 15) },
      { date: 'd4', weight: 0, turn: 1, ret: expect.closeTo(0, 15) },
    ]);
  });

  it('earns from day t+1 with no delay', () => {
    const held = simulateExposure(signalDays([100, 200, 100], [1, 0, 0]), { delayDays: 0, oneWayCost: 0 });
    expect(held.map((d) => [d.date, d.weight, d.ret])).toEqual([
      ['d1', 1, expect.closeTo(1, 15)],
      ['d2', 0, expect.closeTo(0, 15)],
    ]);
  });

  it('charges the one-way cost on each change of weight, scaled by its size', () => {
    // Weights held: d2 = 1, d3 = 0.7 (turn 0.3), d4 = 0.3 (turn 0.4); market +10% on d3 and d4.
    const held = simulateExposure(signalDays([100, 100, 100, 110, 121], [1, 0.7, 0.3, 0.3, 0.3]), {
      delayDays: 1,
      oneWayCost: 0.001,
    });
    expect(held.map((d) => d.turn)).toEqual([0, expect.closeTo(0.3, 12), expect.closeTo(0.4, 12)]);
    expect(held[1]?.ret).toBeCloseTo(0.7 * 0.1 - 0.0003, 12);
    expect(held[2]?.ret).toBeCloseTo(0.3 * 0.1 - 0.0004, 12);
  });

  it('holds a constant exposure with no trades: buy-and-hold', () => {
    const held = simulateExposure(signalDays([100, 100, 50, 100], [1, 1, 1, 1]), { delayDays: 1, oneWayCost: 0.001 });
    expect(held).toEqual([
      { date: 'd2', weight: 1, turn: 0, ret: -0.5 },
      { date: 'd3', weight: 1, turn: 0, ret: 1 },
    ]);
  });

  it('returns no days when the series is shorter than the delay plus one', () => {
    expect(simulateExposure(signalDays([100, 101], [1, 1]), { delayDays: 1, oneWayCost: 0 })).toEqual([]);
  });
});

describe('performance', () => {
  it('annualises growth over 252-day years: +21% in half a year is a 46.41% CAGR', () => {
    expect(performance(heldDays(126, { 10: 0.1, 50: 0.1 })).cagr).toBeCloseTo(0.4641, 10);
  });

  it('measures the max drawdown from the running peak of the equity curve', () => {
    // Equity 1.1, 1.21, 0.605 (-50% from 1.21), 0.726, 1.452 (new peak), 1.089 (-25%).
    const p = performance(heldDays(6, { 0: 0.1, 1: 0.1, 2: -0.5, 3: 0.2, 4: 1, 5: -0.25 }));
    expect(p.maxDrawdown).toBeCloseTo(-0.5, 12);
  });

  it('computes volatility and Sharpe from the sample std of daily returns, rf 0', () => {
    // Returns 0.01, -0.01, 0.01, -0.01: mean 0, so Sharpe 0; sample std = sqrt(4 * 0.0001 / 3).
    const flat = performance(heldDays(4, { 0: 0.01, 1: -0.01, 2: 0.01, 3: -0.01 }));
    expect(flat.sharpe).toBe(0);
    expect(flat.volatility).toBeCloseTo(Math.sqrt(0.0004 / 3) * Math.sqrt(252), 12);
    // Returns 0.02 and 0: mean 0.01, sample std 0.0141421; Sharpe = 0.01 / 0.0141421 * sqrt(252) = 11.2250.
    expect(performance(heldDays(2, { 0: 0.02 })).sharpe).toBeCloseTo(11.225, 3);
  });

  it('has no Sharpe when the returns never vary, and no volatility or CAGR from no days', () => {
    const still = performance(heldDays(10, {}));
    expect([still.sharpe, still.volatility, still.cagr, still.maxDrawdown]).toEqual([null, 0, 0, 0]);
    const none = performance([]);
    expect([none.sharpe, none.volatility, none.cagr, none.maxDrawdown]).toEqual([null, null, null, 0]);
  });

  it('counts turnover as half the traded weight per year and each weight change as a switch', () => {
    // One year: out (1 -> 0) and back in (0 -> 1) is one round trip: turnover 1.0, 2 switches.
    const roundTrip = performance(heldDays(252, {}, { 0: 1, 100: 0, 200: 1 }));
    expect(roundTrip.turnover).toBeCloseTo(1, 12);
    expect(roundTrip.switchesPerYear).toBeCloseTo(2, 12);
    // Half a year: 1 -> 0.7 -> 0.3 trades 0.7, so 0.35 per half year = 0.7 a year, and 4 switches a year.
    const steps = performance(heldDays(126, {}, { 0: 1, 30: 0.7, 60: 0.3 }));
    expect(steps.turnover).toBeCloseTo(0.7, 12);
    expect(steps.switchesPerYear).toBeCloseTo(4, 12);
  });

  it('has zero turnover and switches when fully invested throughout', () => {
    const p = performance(heldDays(252, { 3: 0.05, 9: -0.02 }));
    expect(p.turnover).toBe(0);
    expect(p.switchesPerYear).toBe(0);
    expect(p.cagr).toBeCloseTo(1.05 * 0.98 - 1, 12);
  });
});

describe('countLabels', () => {
  it('counts labels only on dates inside the inclusive range', () => {
    const days = [
      { date: '2020-02-28', label: 'TREND_BULL' },
      { date: '2020-03-02', label: 'TREND_BULL' },
      { date: '2020-03-03', label: 'CRASH' },
      { date: '2020-03-31', label: 'CRASH' },
      { date: '2020-04-01', label: 'CRASH' },
    ];
    expect(countLabels(days, '2020-03-01', '2020-03-31')).toEqual(
      new Map([
        ['TREND_BULL', 1],
        ['CRASH', 2],
      ]),
    );
  });
});
