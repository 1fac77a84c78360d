import { BrokerError } from '../port.js';

/** Alpaca's maximum page size for GET /v2/orders. */
export const ORDERS_PAGE_LIMIT = 500;

/** One GET /v2/orders request as the SDK's getAllOrders takes it. */
export interface OrdersPageQuery {
  readonly status: 'open' | 'closed' | 'all';
  readonly direction: 'desc';
  readonly limit: number;
  readonly after?: string;
  readonly beforeOrderId?: string;
}

/**
 * Every order matching `query`, newest first, following Alpaca's pages by order id rather than by time, so orders
 * submitted in the same instant are neither skipped nor repeated at a page boundary.
 */
export async function allOrderPages<T extends { readonly id: string }>(
  query: { readonly status: OrdersPageQuery['status']; readonly after?: string },
  pageLimit: number,
  fetchPage: (page: OrdersPageQuery) => Promise<readonly T[]>,
  action: string,
): Promise<readonly T[]> {
  const orders: T[] = [];
  const seen = new Set<string>();
  let beforeOrderId: string | undefined;
  for (;;) {
    const page = await fetchPage({
      status: query.status,
      direction: 'desc',
      limit: pageLimit,
      ...(query.after === undefined ? {} : { after: query.after }),
      ...(beforeOrderId === undefined ? {} : { beforeOrderId }),
    });
    for (const order of page) {
      // A page repeating an order means the server ignored before_order_id; stop rather than loop forever.
      if (seen.has(order.id)) throw new BrokerError('fatal', `Alpaca repeated order ${order.id} while ${action}`);
      seen.add(order.id);
      orders.push(order);
    }
    const last = page.at(-1);
    if (page.length < pageLimit || last === undefined) return orders;
    beforeOrderId = last.id;
  }
}
