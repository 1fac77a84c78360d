import { describe, expect, it } from 'vitest';
import { describeParams, parseSweep } from '../../../src/backtest/sweep/sweep-spec.js';

describe('parseSweep', () => {
  it('is every combination of the listed values, typed', () => {
    const grid = parseSweep('exposure.policy=schedule,regime; schedule=monthly,quarterly,semiannual; topN=5,10,20');
    expect(grid.ok && grid.value.length).toBe(18);
    expect(grid.ok && grid.value[0]).toEqual({ 'exposure.policy': 'schedule', schedule: 'monthly', topN: 5 });
    expect(grid.ok && describeParams(grid.value[17]!)).toBe('exposure.policy=regime schedule=semiannual topN=20');
  });

  it.each([
    ['topN', '"topN" is not key=value'],
    ['topN=', '"topN=" is not key=value'],
    ['topN=5;topN=10', 'topN is given twice'],
    ['', 'no parameters'],
    ['a b=1', '"a b=1" is not key=value'],
  ])('refuses %j: %s', (spec, message) => {
    const grid = parseSweep(spec);
    expect(grid.ok).toBe(false);
    expect(!grid.ok && grid.error.join('\n')).toContain(message);
  });
});
