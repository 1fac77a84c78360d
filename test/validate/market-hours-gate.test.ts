import { describe, expect, it } from 'vitest';
import { marketHoursGate } from '../../src/validate/market-hours-gate.js';
import { aClock, anOrderIntent, aPlanContext } from '../builders.js';

describe('marketHoursGate', () => {
  it.each([
    { isOpen: true, force: false, dryRun: false, status: 'pass' },
    { isOpen: false, force: false, dryRun: false, status: 'fail' },
    { isOpen: false, force: true, dryRun: false, status: 'warn' },
    { isOpen: false, force: false, dryRun: true, status: 'warn' },
    { isOpen: true, force: true, dryRun: true, status: 'pass' },
  ])('gives $status when open=$isOpen, force=$force, dryRun=$dryRun', ({ isOpen, force, dryRun, status }) => {
    const result = marketHoursGate(aPlanContext({ clock: aClock({ isOpen }), force, dryRun, orders: [anOrderIntent()] }));
    expect(result).toMatchObject({ id: 5, name: 'market hours', status });
  });

  it('passes a plan with no orders while the market is closed: nothing would be submitted', () => {
    const result = marketHoursGate(aPlanContext({ clock: aClock({ isOpen: false }), orders: [] }));
    expect(result.status).toBe('pass');
    expect(result.messages[0]).toContain('no orders to submit');
  });

  it('tells when the market opens next when it is closed', () => {
    const clock = aClock({ isOpen: false, timestamp: '2024-06-01T12:00:00-04:00', nextOpen: '2024-06-03T09:30:00-04:00' });
    expect(marketHoursGate(aPlanContext({ clock, orders: [anOrderIntent()] })).messages).toEqual([
      'market is closed at 2024-06-01T12:00:00-04:00 (next open 2024-06-03T09:30:00-04:00)',
    ]);
  });
});
