import type { Broker } from '../broker/port.js';
import { isRebalanceDay, nextRebalanceDay, type ScheduleKind } from '../schedule/rebalance-schedule.js';
import { addDays } from './read-snapshot.js';

export interface ScheduleStatus {
  readonly kind: ScheduleKind;
  readonly isRebalanceDay: boolean;
  readonly next: string | null;
}

/** Whether `today` is a rebalance day by the broker's calendar (holidays and early closes included). */
export async function checkSchedule(broker: Broker, kind: ScheduleKind, today: string): Promise<ScheduleStatus> {
  // Back far enough to tell the first session of a week or month, ahead far enough for the next semi-annual date.
  const sessions = await broker.getCalendar(addDays(today, -40), addDays(today, 400));
  const days = sessions.map((s) => s.date);
  return {
    kind,
    isRebalanceDay: isRebalanceDay(kind, today, days),
    next: nextRebalanceDay(kind, today, days) ?? null,
  };
}
