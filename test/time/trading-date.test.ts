import { describe, expect, it } from 'vitest';
import { tradingDaysAt } from '../../src/time/trading-date.js';

const SESSIONS = ['2025-11-19', '2025-11-20', '2025-11-21', '2025-11-24', '2025-11-25'];
const clock = (timestamp: string, isOpen: boolean, nextOpen: string) => ({ timestamp, isOpen, nextOpen, nextClose: nextOpen });

describe('tradingDaysAt: the one definition of the latest completed trading day', () => {
  it('while a session trades, the latest completed day is the session before', () => {
    const days = tradingDaysAt(SESSIONS, clock('2025-11-21T11:00:00-05:00', true, '2025-11-24T09:30:00-05:00'));
    expect(days).toMatchObject({ today: '2025-11-21', lastCompleted: '2025-11-20', previous: '2025-11-20', incompleteFrom: '2025-11-21' });
  });

  it('after the close, today has completed and no bar is incomplete', () => {
    const days = tradingDaysAt(SESSIONS, clock('2025-11-21T17:00:00-05:00', false, '2025-11-24T09:30:00-05:00'));
    expect(days).toMatchObject({ today: '2025-11-21', lastCompleted: '2025-11-21', previous: '2025-11-20', incompleteFrom: undefined });
  });

  it('before the open, the latest completed day is the previous session', () => {
    const days = tradingDaysAt(SESSIONS, clock('2025-11-24T08:00:00-05:00', false, '2025-11-24T09:30:00-05:00'));
    expect(days).toMatchObject({ today: '2025-11-24', lastCompleted: '2025-11-21', previous: '2025-11-21' });
  });

  it('on a weekend, the Friday session is the latest completed day', () => {
    const days = tradingDaysAt(SESSIONS, clock('2025-11-23T12:00:00-05:00', false, '2025-11-24T09:30:00-05:00'));
    expect(days).toMatchObject({ today: '2025-11-23', lastCompleted: '2025-11-21', previous: '2025-11-21' });
  });
});
