import type { Broker } from '../broker/port.js';
import { isFinalOrderStatus, type BrokerOrder, type TradeUpdate } from '../domain/index.js';


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
    /** Called once per observed status change, in the order observed. */
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

  /** Waits until every given order is final or the deadline passes; returns the ones still open. */
  async waitForFinal(orderIds: readonly string[], deadline: number, pollSince: string): Promise<readonly BrokerOrder[]> {
    const open = (): BrokerOrder[] =>
      orderIds.map((id) => this.orders.get(id)).filter((o): o is BrokerOrder => o !== undefined && !isFinalOrderStatus(o.status));
    while (open().length > 0 && this.now() < deadline) {
      const woke = await this.nap(Math.min(this.pollIntervalMs, Math.max(0, deadline - this.now())));
      if (!woke || open().length > 0) await this.poll(pollSince);
    }
    return open();
  }

  /** One list-orders request: every order the run placed since `since`. */
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
    // Never step back: a poll answered before a stream event must not undo it.
    if (previous !== undefined && isFinalOrderStatus(previous.status)) return;
    if (previous !== undefined && previous.status === order.status && previous.filledQty === order.filledQty) return;
    this.orders.set(order.id, order);
    this.onChange(order, previous);
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
