import { describe, expect, it } from 'vitest';
import {
  cagrOf,
  dailyReturns,
  drawdownSeries,
  equityCurve,
  maxDrawdownOf,
  monthlyReturns,
  returnMetrics,
  rollingSharpe,
  sharpeOf,
  volatilityOf,
  yearlyReturns,
} from '../../src/metrics/performance.js';
import { mulberry32, standardNormal } from '../../src/random/prng.js';
import type { Random } from '../../src/random/prng.js';
import { addDays } from '../../src/time/calendar-date.js';

const ROOT_252 = Math.sqrt(252);

/** Consecutive calendar dates from 2024-01-01, one per value: dates only matter where a test says so. */
function datesFor(values: readonly number[], from = '2024-01-01'): string[] {
  return values.map((_, i) => addDays(from, i));
}

/** Returns 0.03, -0.01, 0.01: mean 0.01, deviations 0.02, -0.02, 0, so the sample std is √(0.0008 / 2) = 0.02. */
const THREE_RETURNS = [0.03, -0.01, 0.01];
const THREE_RETURN_CURVE = [100, 103, 101.97, 102.9897];

describe('returns and moments of a 4-point curve', () => {
  it('reads the daily returns off the curve', () => {
    dailyReturns(THREE_RETURN_CURVE).forEach((r, i) => expect(r).toBeCloseTo(THREE_RETURNS[i] as number, 12));
  });

  it('compounds returns back into the curve', () => {
    equityCurve(THREE_RETURNS, 100).forEach((v, i) => expect(v).toBeCloseTo(THREE_RETURN_CURVE[i] as number, 10));
  });

  it('annualises the sample std: 0.02 × √252', () => {
    expect(volatilityOf(THREE_RETURNS)).toBeCloseTo(0.02 * ROOT_252, 12);
  });

  it('computes Sharpe as mean over sample std × √252 with no risk-free rate: 0.01 / 0.02 × √252', () => {
    expect(sharpeOf(THREE_RETURNS)).toBeCloseTo(0.5 * ROOT_252, 10);
  });

  it('subtracts the daily risk-free rate (annual / 252) from the mean: 2.52% a year is 0.0001 a day', () => {
    expect(sharpeOf(THREE_RETURNS, { riskFree: 0.0252 })).toBeCloseTo((0.0099 / 0.02) * ROOT_252, 10);
  });

  it("divides by Sortino's downside deviation: the RMS of the negative excess returns over all days", () => {
    // rf 0: one negative return, -0.01, over 3 days: downside √(0.0001 / 3).
    const m = returnMetrics(datesFor(THREE_RETURN_CURVE), THREE_RETURN_CURVE);
    expect(m.sortino).toBeCloseTo((0.01 / Math.sqrt(0.0001 / 3)) * ROOT_252, 8);
    // rf 0.0001 a day: excess returns 0.0299, -0.0101, 0.0099; downside √(0.0101² / 3).
    const withRf = returnMetrics(datesFor(THREE_RETURN_CURVE), THREE_RETURN_CURVE, { riskFree: 0.0252 });
    expect(withRf.sortino).toBeCloseTo((0.0099 / Math.sqrt(0.0101 ** 2 / 3)) * ROOT_252, 8);
    expect(withRf.sharpe).toBeCloseTo((0.0099 / 0.02) * ROOT_252, 10);
    expect(withRf.volatility).toBeCloseTo(0.02 * ROOT_252, 12);
  });
});

describe('CAGR', () => {
  it('equals the total return over exactly 252 returns', () => {
    const random = mulberry32(7);
    const curve = equityCurve(Array.from({ length: 252 }, () => 0.01 * standardNormal(random)), 50);
    expect(cagrOf(curve)).toBeCloseTo((curve[252] as number) / 50 - 1, 12);
  });

  it('annualises over 252-return years: +21% in 126 returns is 1.21² - 1 = 46.41%', () => {
    const returns = Array.from({ length: 126 }, (_, i) => (i === 10 || i === 50 ? 0.1 : 0));
    expect(cagrOf(equityCurve(returns))).toBeCloseTo(0.4641, 12);
  });

  it('is the square root of the growth over 504 returns', () => {
    const returns = Array.from({ length: 504 }, (_, i) => (i === 300 ? 0.44 : 0));
    expect(cagrOf(equityCurve(returns))).toBeCloseTo(0.2, 12);
  });

  it('is null with fewer than 2 values', () => {
    expect(cagrOf([100])).toBeNull();
    expect(cagrOf([])).toBeNull();
  });
});

describe('max drawdown', () => {
  it('finds the worst fall with its peak, trough and the first day back at the peak', () => {
    // -10% (2024-01-01 .. 01-02, recovered 01-03), then -50% from 120 to 60, back to 120 on 01-06, then -8.3%.
    const values = [100, 90, 120, 60, 100, 120, 110];
    expect(maxDrawdownOf(datesFor(values), values)).toEqual({
      maxDrawdown: -0.5,
      maxDrawdownPeak: '2024-01-03',
      maxDrawdownTrough: '2024-01-04',
      recovery: '2024-01-06',
    });
  });

  it('dates the peak on the last day at the high before the fall', () => {
    const values = [100, 100, 80, 100];
    expect(maxDrawdownOf(datesFor(values), values)).toEqual({
      maxDrawdown: expect.closeTo(-0.2, 12),
      maxDrawdownPeak: '2024-01-02',
      maxDrawdownTrough: '2024-01-03',
      recovery: '2024-01-04',
    });
  });

  it('has no recovery when the curve never gets back to the peak', () => {
    const values = [100, 80, 90];
    expect(maxDrawdownOf(datesFor(values), values)).toEqual({
      maxDrawdown: expect.closeTo(-0.2, 12),
      maxDrawdownPeak: '2024-01-01',
      maxDrawdownTrough: '2024-01-02',
      recovery: null,
    });
  });

  it('is 0 with no peak or trough when the curve never falls', () => {
    const values = [100, 101, 101, 105];
    expect(maxDrawdownOf(datesFor(values), values)).toEqual({
      maxDrawdown: 0,
      maxDrawdownPeak: null,
      maxDrawdownTrough: null,
      recovery: null,
    });
  });

  it('gives the fall from the running peak per day', () => {
    drawdownSeries([100, 90, 120, 60, 100]).forEach((d, i) =>
      expect(d).toBeCloseTo([0, -0.1, 0, -0.5, -1 / 6][i] as number, 12),
    );
  });
});

describe('monthly and yearly returns', () => {
  it('measures each month from the previous month-end and the first month from the first value', () => {
    const dates = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01'];
    const values = [100, 110, 99, 88, 92.4];
    expect(monthlyReturns(dates, values)).toEqual([
      { month: '2024-01', return: expect.closeTo(0.1, 12) },
      { month: '2024-02', return: expect.closeTo(-0.2, 12) },
      { month: '2024-03', return: expect.closeTo(0.05, 12) },
    ]);
    const m = returnMetrics(dates, values);
    expect(m.bestMonth?.month).toBe('2024-01');
    expect(m.worstMonth?.month).toBe('2024-02');
  });

  it('measures each calendar year from the previous year-end', () => {
    const dates = ['2023-12-28', '2023-12-29', '2024-01-02', '2024-12-31', '2025-01-02'];
    const values = [100, 105, 110, 126, 63];
    expect(yearlyReturns(dates, values)).toEqual([
      { year: 2023, return: expect.closeTo(0.05, 12) },
      { year: 2024, return: expect.closeTo(0.2, 12) },
      { year: 2025, return: expect.closeTo(-0.5, 12) },
    ]);
  });
});

describe('rollingSharpe', () => {
  it('is null until the window holds `window` returns, then the Sharpe of the trailing returns', () => {
    const values = [...THREE_RETURN_CURVE, 102.9897, 102.9897];
    const rolling = rollingSharpe(values, 3);
    expect(rolling.slice(0, 3)).toEqual([null, null, null]);
    expect(rolling[3]).toBeCloseTo(0.5 * ROOT_252, 10);
    // Returns -0.01, 0.01, 0: mean 0, Sharpe 0.
    expect(rolling[4]).toBeCloseTo(0, 10);
    expect(rolling).toHaveLength(values.length);
  });

  it('is null over a window with no variation', () => {
    expect(rollingSharpe([100, 100, 100, 100], 2)).toEqual([null, null, null, null]);
  });
});

describe('returnMetrics', () => {
  it('gives a flat curve no Sharpe or Sortino, zero volatility and CAGR, and no drawdown', () => {
    const values = [100, 100, 100, 100];
    expect(returnMetrics(datesFor(values), values)).toEqual({
      cagr: 0,
      volatility: 0,
      sharpe: null,
      sortino: null,
      maxDrawdown: 0,
      maxDrawdownPeak: null,
      maxDrawdownTrough: null,
      recovery: null,
      calmar: null,
      bestMonth: { month: '2024-01', return: 0 },
      worstMonth: { month: '2024-01', return: 0 },
    });
  });

  it('gives Calmar as CAGR over the size of the max drawdown', () => {
    // 252 returns: +20% on day 10, -25% on day 20, so CAGR = 1.2 × 0.75 - 1 = -10% and max drawdown -25%.
    const returns = Array.from({ length: 252 }, (_, i) => (i === 10 ? 0.2 : i === 20 ? -0.25 : 0));
    const values = equityCurve(returns);
    const m = returnMetrics(datesFor(values), values);
    expect(m.cagr).toBeCloseTo(-0.1, 12);
    expect(m.maxDrawdown).toBeCloseTo(-0.25, 12);
    expect(m.calmar).toBeCloseTo(-0.4, 12);
  });

  it('has no volatility, Sharpe or CAGR from a single value', () => {
    const m = returnMetrics(['2024-01-02'], [100]);
    expect([m.cagr, m.volatility, m.sharpe, m.sortino, m.calmar]).toEqual([null, null, null, null, null]);
  });

  it.each([
    ['returnMetrics', () => returnMetrics(['2024-01-02'], [100, 101])],
    ['monthlyReturns', () => monthlyReturns(['2024-01-02', '2024-01-03'], [100])],
    ['yearlyReturns', () => yearlyReturns([], [100])],
    ['maxDrawdownOf', () => maxDrawdownOf(['2024-01-02'], [100, 90])],
  ])('%s throws when dates and values differ in length', (_, call) => {
    expect(call).toThrow(RangeError);
  });
});

/** A random positive curve of 2..600 values on weekdays from a random start, with daily returns of about 1.5%. */
function randomCurve(random: Random): { dates: string[]; values: number[] } {
  const length = 2 + Math.floor(random() * 599);
  const returns = Array.from({ length: length - 1 }, () => 0.015 * standardNormal(random));
  const values = equityCurve(returns, 10 + random() * 1000);
  const dates: string[] = [];
  let date = addDays('2015-12-21', Math.floor(random() * 60));
  for (let i = 0; i < length; i++) {
    dates.push(date);
    date = addDays(date, random() < 0.8 ? 1 : 3);
  }
  return { dates, values };
}

const product = (returns: readonly number[]): number => returns.reduce((acc, r) => acc * (1 + r), 1);

describe('properties over 300 seeded random curves', () => {
  const curves = Array.from({ length: 300 }, (_, seed) => randomCurve(mulberry32(seed + 1)));

  it('compounds monthly and yearly returns to the total return', () => {
    for (const { dates, values } of curves) {
      const total = (values[values.length - 1] as number) / (values[0] as number);
      expect(product(monthlyReturns(dates, values).map((m) => m.return))).toBeCloseTo(total, 9);
      expect(product(yearlyReturns(dates, values).map((y) => y.return))).toBeCloseTo(total, 9);
    }
  });

  it('has a max drawdown equal to the lowest point of the drawdown series, dated at its trough', () => {
    for (const { dates, values } of curves) {
      const series = drawdownSeries(values);
      const dd = maxDrawdownOf(dates, values);
      expect(dd.maxDrawdown).toBe(Math.min(...series));
      if (dd.maxDrawdownTrough === null) continue;
      const trough = dates.indexOf(dd.maxDrawdownTrough);
      expect(series[trough]).toBe(dd.maxDrawdown);
      const peak = dates.indexOf(dd.maxDrawdownPeak as string);
      expect(values[peak]).toBe(Math.max(...values.slice(0, trough + 1)));
      const back = series.findIndex((d, i) => i > trough && d === 0);
      expect(dd.recovery).toBe(back < 0 ? null : dates[back]);
    }
  });

  it('reads back the returns it compounds', () => {
    for (const { values } of curves) {
      const returns = dailyReturns(values);
      const worst = Math.max(...equityCurve(returns, values[0]).map((v, i) => Math.abs(v / (values[i] as number) - 1)));
      expect(worst).toBeLessThan(1e-10);
    }
  });

  it('gives the same Sharpe, volatility and CAGR whatever the starting capital', () => {
    for (const { dates, values } of curves) {
      const a = returnMetrics(dates, values);
      const b = returnMetrics(dates, values.map((v) => v * 37));
      for (const key of ['cagr', 'volatility', 'sharpe', 'sortino', 'maxDrawdown'] as const) {
        if (a[key] === null) expect(b[key]).toBeNull();
        else expect(b[key]).toBeCloseTo(a[key], 8);
      }
    }
  });

  it("ends a full-span rolling Sharpe at the whole curve's Sharpe", () => {
    for (const { values } of curves) {
      const rolling = rollingSharpe(values, values.length - 1);
      expect(rolling[values.length - 1]).toBe(sharpeOf(dailyReturns(values)));
    }
  });
});
