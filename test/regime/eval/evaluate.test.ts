import { describe, expect, it } from 'vitest';
import { evaluateRegimes, firstFullRefit } from '../../../src/regime/eval/evaluate.js';
import type { DailyClose, RegimeDay } from '../../../src/regime/types.js';
import { aRegimeDay } from './builders.js';

describe('firstFullRefit', () => {
  // Features from day 1; refits on day 3 (2 feature rows before it) and day 6 (5 rows before it).
  const days: RegimeDay[] = Array.from({ length: 8 }, (_, i) =>
    aRegimeDay({
      date: `2020-01-0${i + 1}`,
      features: i === 0 ? null : { dd10: 0.01, sortino20: 0, sortino60: 0 },
      refitDate: i < 3 ? null : i < 6 ? '2020-01-04' : '2020-01-07',
    }),
  );

  it.each([
    [2, '2020-01-04'],
    [3, '2020-01-07'],
    [5, '2020-01-07'],
  ])('with a %i-row training window starts at %s', (trainingDays, expected) => {
    expect(firstFullRefit(days, trainingDays)).toBe(expected);
  });

  it('throws when no refit had a full window (the history is too short to evaluate)', () => {
    expect(() => firstFullRefit(days, 6)).toThrow(/no refit had 6 feature rows/);
  });
});

describe('evaluateRegimes', () => {
  // Warm-up on 26-27 Feb; the model refitted on 28 Feb (1 feature row before it) labels the online days.
  const rows: [string, number, Partial<RegimeDay>][] = [
    ['2020-02-26', 100, { regime: 'UNKNOWN', jm: null, features: null, refitDate: null }],
    ['2020-02-27', 100, { regime: 'UNKNOWN', jm: null, refitDate: null }],
    ['2020-02-28', 100, { regime: 'TREND_BULL', jm: 'bull' }],
    ['2020-03-02', 110, { regime: 'TREND_NEUTRAL', jm: 'bull' }],
    ['2020-03-03', 99, { regime: 'CRASH', jm: 'bear' }],
    ['2020-03-04', 99, { regime: 'CRASH', jm: 'bear' }],
    ['2020-03-05', 108.9, { regime: 'TREND_BEAR', jm: 'bear' }],
  ];
  const closes: DailyClose[] = rows.map(([date, close]) => ({ date, close }));
  const days = rows.map(([date, , o]) => aRegimeDay({ date, refitDate: '2020-02-28', ...o }));
  const evaluation = evaluateRegimes(closes, days, 1);

  it('starts online at the first full refit and ignores the warm-up', () => {
    expect(evaluation.onlineStart).toBe('2020-02-28');
    expect(evaluation.lastDate).toBe('2020-03-05');
    expect(evaluation.unlabelledDays).toBe(0);
    expect(evaluation.chart.map((d) => d.regime)).toEqual(['TREND_BULL', 'TREND_NEUTRAL', 'CRASH', 'CRASH', 'TREND_BEAR']);
  });

  it('trades each strategy a day late with 10 bp costs', () => {
    const online = evaluation.windows[0]?.strategies;
    // Held from 3 Mar: market -10%, 0%, +10%. Buy-and-hold: max drawdown -10%, no trades.
    expect(online?.get('Buy and hold')).toMatchObject({ days: 3, maxDrawdown: expect.closeTo(-0.1, 12), turnover: 0 });
    // JM: labels bull, bull, bear -> weights 1, 1, 0 on 3-5 Mar; one sale of 1 costs 10 bp: 0.9 * 0.999.
    expect(online?.get('Jump model 0/1')?.maxDrawdown).toBeCloseTo(0.9 * 0.999 - 1, 12);
    // Four regimes: BULL, NEUTRAL, CRASH -> weights 1, 0.7, 0 (trades 0.3 and 0.7 = turnover 0.5 over 3/252 years).
    const four = online?.get('Four regimes');
    expect(four?.turnover).toBeCloseTo(0.5 / (3 / 252), 9);
    expect(four?.maxDrawdown).toBeCloseTo(0.9 * (1 - 0.0003) * (1 - 0.0007) - 1, 12);
  });

  it('counts labels per reference period and switches per pair', () => {
    const march = evaluation.periods.find((p) => p.name === 'March 2020');
    expect(march?.days).toBe(4);
    expect(Object.fromEntries(march?.regimes ?? [])).toEqual({ TREND_NEUTRAL: 1, CRASH: 2, TREND_BEAR: 1 });
    expect(Object.fromEntries(march?.jm ?? [])).toEqual({ bull: 1, bear: 3 });
    expect([...evaluation.transitions]).toEqual([
      ['CRASH → TREND_BEAR', 1],
      ['TREND_BULL → TREND_NEUTRAL', 1],
      ['TREND_NEUTRAL → CRASH', 1],
    ]);
  });

  it('rejects closes and regime days of different lengths', () => {
    expect(() => evaluateRegimes(closes.slice(1), days, 1)).toThrow(/6 closes but 7 regime days/);
  });
});
