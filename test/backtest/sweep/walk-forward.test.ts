import { describe, expect, it } from 'vitest';
import { bestBySharpe, parseWalkForward, stitch, windowsOf } from '../../../src/backtest/sweep/walk-forward.js';

describe('walk-forward', () => {
  it('parses train=3y,test=1y and 18m spans, and refuses anything else', () => {
    expect(parseWalkForward('train=3y,test=1y')).toEqual({ ok: true, value: { trainMonths: 36, testMonths: 12 } });
    expect(parseWalkForward('train=18m,test=6m')).toEqual({ ok: true, value: { trainMonths: 18, testMonths: 6 } });
    expect(parseWalkForward('train=3y').ok).toBe(false);
    expect(parseWalkForward('train=0y,test=1y').ok).toBe(false);
    expect(parseWalkForward('train=3 years,test=1y').ok).toBe(false);
  });

  it('steps the windows by the test span; the last test span ends at --to, and is dropped when under half a span', () => {
    expect(windowsOf('2001-01-02', '2005-07-29', { trainMonths: 36, testMonths: 12 })).toEqual([
      { train: { from: '2001-01-02', to: '2004-01-01' }, test: { from: '2004-01-02', to: '2005-01-01' } },
      { train: { from: '2002-01-02', to: '2005-01-01' }, test: { from: '2005-01-02', to: '2005-07-29' } },
    ]);
    expect(windowsOf('2001-01-02', '2003-06-30', { trainMonths: 36, testMonths: 12 })).toEqual([]);
    expect(windowsOf('2001-01-02', '2005-05-30', { trainMonths: 36, testMonths: 12 })).toHaveLength(1);
  });

  it('picks the best Sharpe; a run without one ranks last; a tie keeps the first', () => {
    expect(bestBySharpe([{ id: 1, sharpe: null }, { id: 2, sharpe: 0.5 }, { id: 3, sharpe: 0.5 }])).toEqual({ id: 2, sharpe: 0.5 });
  });

  it('chains the test spans: each starts where the previous ended, by its own returns', () => {
    const curve = stitch(
      [
        { dates: ['a', 'b'], values: [100, 110] },
        { dates: ['c', 'd'], values: [100, 90] },
      ],
      100,
    );
    expect(curve.dates).toEqual(['a', 'b', 'c', 'd']);
    [100, 110, 110, 99].forEach((v, i) => expect(curve.values[i]).toBeCloseTo(v, 9));
  });
});
