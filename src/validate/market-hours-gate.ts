import { gateResult, type Gate } from './plan-context.js';

/** Gate 5: orders go out only while the market is open; --force or --dry-run downgrade this to a warning. */
export const marketHoursGate: Gate = (ctx) => {
  const { clock } = ctx;
  if (clock.isOpen) return gateResult(5, 'market hours', 'pass', [`market is open (closes ${clock.nextClose})`]);
  // With nothing to submit, the hour cannot matter: a no-op plan on a weekend is valid.
  if (ctx.orders.length === 0) {
    return gateResult(5, 'market hours', 'pass', [`market is closed (next open ${clock.nextOpen}); no orders to submit`]);
  }
  const closed = `market is closed at ${clock.timestamp} (next open ${clock.nextOpen})`;
  if (ctx.force || ctx.dryRun) {
    const why = ctx.dryRun ? 'dry run: no order is sent' : '--force given: day orders will queue for the next open';
    return gateResult(5, 'market hours', 'warn', [`${closed}; ${why}`]);
  }
  return gateResult(5, 'market hours', 'fail', [closed]);
};
