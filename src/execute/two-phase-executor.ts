import type { Logger } from 'pino';
import type { AuditTrail } from '../audit/audit-trail.js';
import { BrokerError, type Broker } from '../broker/port.js';
import { roundQty, sameQty, type BrokerOrder, type OrderIntent, type OrderRequest } from '../domain/index.js';
import { auditEventForChange, orderAuditFields } from './audit-events.js';
import { cancelOrReread } from './cancel-or-reread.js';
import { clientOrderId, nextAttempt, planHash } from './client-order-id.js';
import { addDays } from '../time/calendar-date.js';
import { OrderTracker } from './order-tracker.js';
import { resizeBuys } from './resize-buys.js';
import { verifyPositions, type PositionCheck } from './verify-positions.js';

export interface ExecutionSettings {
  readonly fillTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly buyingPowerReserve: number;
  /**
   * The market is closed (a --force run): orders queue for the open, so they are submitted and left queued, not
   * waited for; no buy follows, and the next run settles them before it plans the buys.
   */
  readonly marketClosed: boolean;
  /** Whether buys of this symbol may be resized to fractional quantities. */
  readonly isFractional: (symbol: string) => boolean;
}

export interface ExecutionDeps {
  readonly broker: Broker;
  readonly audit: AuditTrail;
  readonly logger: Logger;
  readonly now: () => Date;
}

export interface ExecutionInput {
  /** The New York trading date, YYYY-MM-DD: part of every client order id. */
  readonly tradingDate: string;
  readonly orders: readonly OrderIntent[];
  readonly prices: ReadonlyMap<string, number>;
  /**
   * The quantity the plan wants of every symbol it manages: every target, and 0 for each managed position it closes.
   * The report checks all of them afterwards, not only the symbols traded in this run.
   */
  readonly targets: ReadonlyMap<string, number>;
}

export interface ExecutedOrder {
  readonly clientOrderId: string;
  readonly orderId: string | null;
  readonly phase: 1 | 2;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly status: string;
  readonly filledQty: number;
  readonly filledAvgPrice: number | null;
}

export interface ExecutionResult {
  readonly status: 'complete' | 'incomplete';
  readonly reason: string | null;
  readonly orders: readonly ExecutedOrder[];
  readonly positionsAfter: readonly PositionCheck[];
  /** Every shortfall with its cause, for the report. */
  readonly problems: readonly string[];
}

/**
 * Phase 1 sells, waits until each is final, re-reads buying power, resizes the buys to fit, phase 2 buys, waits,
 * then checks positions against targets. Every step is on the audit trail before the broker call that follows it.
 */
export async function executePlan(input: ExecutionInput, settings: ExecutionSettings, deps: ExecutionDeps): Promise<ExecutionResult> {
  const run = new ExecutionRun(input, settings, deps);
  return run.execute();
}

class ExecutionRun {
  private readonly executed = new Map<string, ExecutedOrder>();
  private readonly problems: string[] = [];
  private readonly tracker: OrderTracker;
  private readonly hash: string;
  /** This run's attempt at the trading day: part of every client order id it sends. */
  private attempt = 0;
  /** Polls ask for orders placed since this time on the broker's clock (set once the clock is read). */
  private since = '';
  private readonly log: Logger;

  constructor(
    private readonly input: ExecutionInput,
    private readonly settings: ExecutionSettings,
    private readonly deps: ExecutionDeps,
  ) {
    this.hash = planHash(input.orders);
    this.log = deps.logger.child({ stage: 'execute' });
    this.tracker = new OrderTracker(deps.broker, () => deps.now().getTime(), settings.pollIntervalMs, (order, previous) =>
      this.onOrderChange(order, previous),
    );
  }

  async execute(): Promise<ExecutionResult> {
    // Orders carry the broker's timestamps, so the poll window is on the broker's clock, never ours.
    const clock = await this.deps.broker.getClock();
    this.since = new Date(Date.parse(clock.timestamp) - 60_000).toISOString();
    this.attempt = await this.readAttempt();
    const streaming = await this.tracker.startStream();
    this.log.info({ streaming }, streaming ? 'listening to trade updates' : 'trade updates unavailable: polling only');
    try {
      const sells = this.input.orders.filter((o) => o.phase === 1);
      const sellRequests = sells.map((o) => this.requestFor(o, o.qty));
      const placed = await this.runPhase(1, sellRequests);
      const unfinished = placed ? await this.unfinishedSells(sells, sellRequests) : ['a sell could not be placed'];
      if (unfinished.length > 0) {
        this.problems.push(`no buy was sent: ${unfinished.join('; ')}`);
      } else {
        const buys = await this.sizeBuys(this.input.orders.filter((o) => o.phase === 2));
        await this.runPhase(2, buys);
      }
      return await this.verify();
    } finally {
      await this.tracker.stop();
    }
  }

  /**
   * One past the highest attempt among the tool's own orders of this trading day. Orders for a session can be placed
   * days before it (a --force run on a weekend), so the listing starts a week before the trading date.
   */
  private async readAttempt(): Promise<number> {
    const after = `${addDays(this.input.tradingDate, -7)}T00:00:00Z`;
    const orders = await this.deps.broker.listOrders({ status: 'all', after });
    const attempt = nextAttempt(orders.map((o) => o.clientOrderId), this.input.tradingDate);
    this.log.info({ attempt, tradingDate: this.input.tradingDate }, 'attempt at this trading day');
    return attempt;
  }

  /**
   * Submits the phase's orders, then waits for each to be final; cancels what is still open at the deadline.
   * False when a submission's outcome stayed unknown and the phase stopped there.
   */
  private async runPhase(phase: 1 | 2, requests: readonly OrderRequest[]): Promise<boolean> {
    const placed: string[] = [];
    for (const request of requests) {
      const order = await this.submit(phase, request);
      if (order === 'stop') return false;
      if (order !== undefined) placed.push(order.id);
    }
    const deadline = this.deps.now().getTime() + (this.settings.marketClosed ? 0 : this.settings.fillTimeoutMs);
    const stillOpen = await this.tracker.waitForFinal(placed, deadline, this.since);
    if (stillOpen.length === 0) return true;
    if (this.settings.marketClosed) {
      for (const order of stillOpen) {
        const reason = 'market closed: left queued for the open; the next run settles it and places the buys';
        this.deps.audit.record({ ...this.orderFields(order, phase), event: 'fill_timeout', reason });
        this.problems.push(`${order.side} ${order.symbol}: ${reason}`);
      }
      return true;
    }
    const timeout = `${this.settings.fillTimeoutMs / 1000}s`;
    for (const order of stillOpen) {
      this.deps.audit.record({ ...this.orderFields(order, phase), event: 'fill_timeout', reason: `not filled within ${timeout}: cancelling` });
      await cancelOrReread(this.deps.broker, this.tracker, order, (why) => {
        this.log.warn({ symbol: order.symbol, side: order.side }, why);
        this.deps.audit.record({ ...this.orderFields(this.tracker.get(order.id) ?? order, phase), event: 'fill_timeout', reason: `cancel: ${why}` });
      });
    }
    // Cancels settle quickly; wait a bounded while so the trail records the final state.
    await this.tracker.waitForFinal(stillOpen.map((o) => o.id), this.deps.now().getTime() + Math.max(10_000, this.settings.pollIntervalMs * 3), this.since);
    for (const { id } of stillOpen) {
      const order = this.tracker.get(id);
      // An order that filled while it was being cancelled is no shortfall.
      if (order === undefined || (order.status === 'filled' && sameQty(order.filledQty, order.qty))) continue;
      this.problems.push(`${order.side} ${order.symbol}: not filled within ${timeout}, cancelled (${order.status}, filled ${order.filledQty} of ${order.qty})`);
    }
    return true;
  }

  /**
   * Why the buys must wait, one cause per sell: every planned sell must be filled in full (by filled quantity), and
   * the positions, read again, must show the shares gone. Empty when phase 2 may start.
   */
  private async unfinishedSells(sells: readonly OrderIntent[], requests: readonly OrderRequest[]): Promise<string[]> {
    if (sells.length === 0) return [];
    const causes: string[] = [];
    for (const request of requests) {
      const order = this.executed.get(request.clientOrderId);
      const filled = order?.filledQty ?? 0;
      if (order?.status !== 'filled' || !sameQty(filled, request.qty)) {
        causes.push(`sell ${request.symbol} is ${order?.status ?? 'not placed'}, filled ${filled} of ${request.qty}`);
      }
    }
    if (causes.length > 0) return causes;
    const held = new Map((await this.deps.broker.getPositions()).map((p) => [p.symbol, p.qty]));
    for (const sell of sells) {
      const qty = held.get(sell.symbol) ?? 0;
      if (qty > sell.toQty && !sameQty(qty, sell.toQty)) causes.push(`sell ${sell.symbol} filled, yet the account still holds ${qty} (target ${sell.toQty})`);
    }
    return causes;
  }

  private async submit(phase: 1 | 2, request: OrderRequest): Promise<BrokerOrder | undefined | 'stop'> {
    const base = {
      phase,
      symbol: request.symbol,
      side: request.side,
      qty: request.qty,
      orderType: request.type,
      timeInForce: request.timeInForce,
      clientOrderId: request.clientOrderId,
    } as const;
    this.executed.set(request.clientOrderId, { ...executedFrom(request, phase), status: 'submitting' });
    this.deps.audit.record({ ...base, event: 'order_submitted' });
    try {
      const outcome = await this.deps.broker.submitOrder(request);
      if (outcome.kind === 'rejected') {
        this.executed.set(request.clientOrderId, { ...executedFrom(request, phase), status: 'rejected' });
        this.deps.audit.record({ ...base, event: 'order_rejected', status: 'rejected', reason: `broker rejected (HTTP ${outcome.status}): ${outcome.message}` });
        this.problems.push(`${request.side} ${request.symbol} ${request.qty}: rejected by the broker: ${outcome.message}`);
        return undefined;
      }
      this.tracker.track(outcome.order);
      return outcome.order;
    } catch (error) {
      if (!(error instanceof BrokerError)) throw error;
      this.executed.set(request.clientOrderId, { ...executedFrom(request, phase), status: 'unknown' });
      const reason = `outcome unknown after retries: ${error.message}; stopping (a rerun settles it by its client order id)`;
      this.deps.audit.record({ ...base, event: 'run_failed', reason });
      this.problems.push(`${request.side} ${request.symbol}: ${reason}`);
      return 'stop';
    }
  }

  /** Re-reads buying power and shrinks the buys (largest first) until they fit, recording any resize. */
  private async sizeBuys(buys: readonly OrderIntent[]): Promise<readonly OrderRequest[]> {
    if (buys.length === 0) return [];
    const account = await this.deps.broker.getAccount();
    const budget = account.buyingPower * (1 - this.settings.buyingPowerReserve);
    const sized = resizeBuys(
      buys.map((b) => ({ symbol: b.symbol, qty: b.qty, price: this.input.prices.get(b.symbol) ?? Number.NaN, fractional: this.settings.isFractional(b.symbol) })),
      budget,
    );
    for (const change of sized.changes) {
      const reason = `buying power ${account.buyingPower.toFixed(2)} less ${this.settings.buyingPowerReserve * 100}% reserve = ${budget.toFixed(2)}: buy ${change.symbol} ${change.from} -> ${change.to}`;
      this.deps.audit.record({ event: 'buys_resized', phase: 2, symbol: change.symbol, side: 'buy', qty: change.to, reason });
      this.problems.push(`buy ${change.symbol} resized from ${change.from} to ${change.to} to fit buying power`);
    }
    const byIntent = new Map(buys.map((b) => [b.symbol, b]));
    return sized.buys
      .map((b) => ({ intent: byIntent.get(b.symbol), qty: b.qty }))
      .filter((b): b is { intent: OrderIntent; qty: number } => b.intent !== undefined && b.qty > 0)
      .map((b) => this.requestFor(b.intent, b.qty));
  }

  private async verify(): Promise<ExecutionResult> {
    const positions = await this.deps.broker.getPositions();
    const targets = new Map(this.input.targets);
    for (const order of this.input.orders) targets.set(order.symbol, order.toQty);
    const checks = verifyPositions(targets, positions);
    for (const check of checks) {
      const reason = sameQty(check.qty, check.targetQty) ? 'at target' : `short of target by ${roundQty(check.targetQty - check.qty)}`;
      this.deps.audit.record({ event: 'position_checked', symbol: check.symbol, qty: check.qty, reason: `target ${check.targetQty}: ${reason}` });
      if (!sameQty(check.qty, check.targetQty)) this.problems.push(`${check.symbol}: holds ${check.qty}, target ${check.targetQty}`);
    }
    const orders = [...this.executed.values()];
    const allFilled = orders.every((o) => o.status === 'filled' && sameQty(o.filledQty, o.qty));
    const complete = this.problems.length === 0 && allFilled && checks.every((c) => sameQty(c.qty, c.targetQty));
    return {
      status: complete ? 'complete' : 'incomplete',
      reason: complete ? null : (this.problems[0] ?? 'not every order filled'),
      orders,
      positionsAfter: checks,
      problems: this.problems,
    };
  }

  private onOrderChange(order: BrokerOrder, previous: BrokerOrder | undefined): void {
    const known = this.executed.get(order.clientOrderId);
    const phase = known?.phase ?? 1;
    this.executed.set(order.clientOrderId, {
      clientOrderId: order.clientOrderId,
      orderId: order.id,
      phase,
      symbol: order.symbol,
      side: order.side,
      qty: order.qty,
      status: order.status,
      filledQty: order.filledQty,
      filledAvgPrice: order.filledAvgPrice,
    });
    const event = auditEventForChange(order, previous);
    if (event !== undefined) this.deps.audit.record({ ...this.orderFields(order, phase), event });
    this.log.info({ symbol: order.symbol, side: order.side, status: order.status, filledQty: order.filledQty }, 'order update');
  }

  private orderFields(order: BrokerOrder, phase: 1 | 2) {
    return { ...orderAuditFields(order), phase };
  }

  private requestFor(intent: OrderIntent, qty: number): OrderRequest {
    return {
      clientOrderId: clientOrderId(this.input.tradingDate, intent.symbol, intent.side, this.hash, this.attempt),
      symbol: intent.symbol,
      side: intent.side,
      qty,
      type: 'market',
      timeInForce: 'day',
    };
  }
}

function executedFrom(request: OrderRequest, phase: 1 | 2): ExecutedOrder {
  return {
    clientOrderId: request.clientOrderId,
    orderId: null,
    phase,
    symbol: request.symbol,
    side: request.side,
    qty: request.qty,
    status: 'submitting',
    filledQty: 0,
    filledAvgPrice: null,
  };
}

