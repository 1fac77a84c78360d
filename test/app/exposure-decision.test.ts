import { describe, expect, it } from 'vitest';
import { decideExposure } from '../../src/app/exposure-decision.js';

const base = { band: 0.1, minDaysBetween: 5, sessionsSinceLastTrade: undefined };

describe('decideExposure', () => {
  it.each([
    [1, 0.92, 'none'],
    [1, 0.89, 'exposure'],
    [0.3, 0.95, 'exposure'],
    [0.3, 0.39, 'none'],
    [0, 0.05, 'none'],
    [0, 0.11, 'exposure'],
  ])('allocation %d, invested %d: %s', (allocation, invested, kind) => {
    expect(decideExposure({ ...base, allocation, invested }).kind).toBe(kind);
  });

  it('waits minDaysBetween sessions after the last trade, but a move to CRASH never waits', () => {
    expect(decideExposure({ ...base, allocation: 0.3, invested: 1, sessionsSinceLastTrade: 4 })).toMatchObject({ kind: 'none', reason: expect.stringContaining('4 session(s) ago') });
    expect(decideExposure({ ...base, allocation: 0.3, invested: 1, sessionsSinceLastTrade: 5 }).kind).toBe('exposure');
    expect(decideExposure({ ...base, allocation: 0, invested: 1, sessionsSinceLastTrade: 0 }).kind).toBe('exposure');
  });
});
