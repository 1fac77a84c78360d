import { clockAt } from '../calendar/index.js';
import type { TimeInForce } from './types.js';

/** Alpaca lets a GTC order live 90 days. */
const GTC_LIFETIME_MS = 90 * 86_400_000;

/** Regular hours only: the emulator has no extended-hours session. */
export function isMarketOpen(now: Date): boolean {
  return clockAt(now).isOpen;
}

/** The next regular open strictly after `now`. */
export function nextOpen(now: Date): Date {
  return new Date(clockAt(now).nextOpen);
}

/**
 * When an order placed at `submittedAt` stops living: a day order at the close of the session it trades in (today's
 * if that close is still ahead, else the next session's, as Alpaca queues after-hours day orders for the next day).
 */
export function expiryOf(submittedAt: Date, timeInForce: TimeInForce): Date {
  if (timeInForce === 'day') return new Date(clockAt(submittedAt).nextClose);
  return new Date(clockAt(new Date(submittedAt.getTime() + GTC_LIFETIME_MS)).nextClose);
}
