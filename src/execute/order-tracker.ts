import type { Broker } from '../broker/port.js';
import { isFinalOrderStatus, type BrokerOrder, type OrderStatus, type TradeUpdate } from '../domain/index.js';

/**
 * Where a status stands in an order's life; an order only ever moves up. Queued (accepted, pending_new) < working
 * (new, held, pending_cancel, unknown, ...) < partially_filled < final.
 */
export function statusRank(status: OrderStatus): number {
  if (isFinalOrderStatus(status)) return 3;
  if (status === 'partially_filled') return 2;
  if (status === 'accepted' || status === 'pending_new' || status === 'accepted_for_bidding') return 0;
  return 1;
}

/**
 * What is known of an order after a report of it: the status only moves up the rank, the filled quantity only grows,
 * and a final order never changes. Stream events and poll answers arrive in any order; an older one changes nothing.
 */
export function mergeOrder(known: BrokerOrder, report: BrokerOrder): BrokerOrder {
  if (isFinalOrderStatus(known.status)) return known;
  const status = statusRank(report.status) > statusRank(known.status) ? report.status : known.status;
  const moreFilled = report.filledQty > known.filledQty;
  const filledQty = moreFilled ? report.filledQty : known.filledQty;
  const filledAvgPrice = moreFilled ? report.filledAvgPrice : known.filledAvgPrice;
  if (status === known.status && filledQty === known.filledQty) return known;
  return { ...known, status, filledQty, filledAvgPrice };
}

/**
 * Knows the latest state of the orders a run placed. Learns from the trade_updates stream when there is one,
 * and from polling (one list-orders request per poll) always, so a dead stream costs only latency.
 */
export class OrderTracker {
  private readonly orders = new Map<string, BrokerOrder>();
  private wake: (() => void) | undefined;
  private stream: { close(): Promise<void> } | undefined;

  constructor(
    private readonly broker: Broker,
    private readonly now: () => number,
    private readonly pollIntervalMs: number,
    /** Called once per observed change (a status up the rank, or more filled), in the order observed. */
    private readonly onChange: (order: BrokerOrder, previous: BrokerOrder | undefined) => void,
  ) {}

  /** Opens the stream; returns false (and the tracker polls only) when it cannot be had. */
  async startStream(): Promise<boolean> {
    try {
      this.stream = await this.broker.streamTradeUpdates((update) => this.onUpdate(update));
      return true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    await this.stream?.close().catch(() => undefined);
    this.stream = undefined;
  }

  track(order: BrokerOrder): void {
    this.observe(order);
  }

  get(orderId: string): BrokerOrder | undefined {
    return this.orders.get(orderId);
  }

  /**
   * Waits until every given order is final or the deadline (local milliseconds) passes; returns the ones still open.
   * `pollSince` is an ISO time on the broker's clock: the orders' own timestamps are the broker's, not ours.
   */
  async waitForFinal(orderIds: readonly string[], deadline: number, pollSince: string): Promise<readonly BrokerOrder[]> {
    const open = (): BrokerOrder[] =>
      orderIds.map((id) => this.orders.get(id)).filter((o): o is BrokerOrder => o !== undefined && !isFinalOrderStatus(o.status));
    while (open().length > 0 && this.now() < deadline) {
      const woke = await this.nap(Math.min(this.pollIntervalMs, Math.max(0, deadline - this.now())));
      if (!woke || open().length > 0) await this.poll(pollSince);
    }
    return open();
  }

  /** One list-orders request: every order the run placed since `since` (broker time). */
  async poll(since: string): Promise<void> {
    const listed = await this.broker.listOrders({ status: 'all', after: since }).catch(() => []);
    for (const order of listed) if (this.orders.has(order.id)) this.observe(order);
  }

  private onUpdate(update: TradeUpdate): void {
    if (!this.orders.has(update.order.id)) return;
    this.observe(update.order);
    this.wake?.();
  }

  private observe(order: BrokerOrder): void {
    const previous = this.orders.get(order.id);
    const next = previous === undefined ? order : mergeOrder(previous, order);
    if (next === previous) return;
    this.orders.set(order.id, next);
    this.onChange(next, previous);
  }

  /** Sleeps up to `ms`; a stream event ends the nap early. Returns true when woken by an event. */
  private nap(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve(false);
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(true);
      };
    });
  }
}
