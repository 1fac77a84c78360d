import { isRebalanceDay, nextRebalanceDay, type ScheduleKind } from '../schedule/rebalance-schedule.js';

export interface ScheduleStatus {
  readonly kind: ScheduleKind;
  readonly isRebalanceDay: boolean;
  readonly next: string | null;
}

/**
 * Whether `today` is a rebalance day by the broker's calendar (holidays and early closes included). The sessions
 * reach back far enough to tell the first session of a week or month, and ahead to the next semi-annual date.
 */
export function checkSchedule(kind: ScheduleKind, today: string, days: readonly string[]): ScheduleStatus {
  return {
    kind,
    isRebalanceDay: isRebalanceDay(kind, today, days),
    next: nextRebalanceDay(kind, today, days) ?? null,
  };
}
