import { apiError, notFound, ok, unprocessable } from '../http/errors.js';
import type { ApiResponse, Route } from '../http/types.js';
import type { OtherOrder } from '../scenario.js';
import { listedStockOrder, parseOrderQuery, selectOrders, type ListedOrder } from '../orders/list-orders.js';
import { orderJson } from '../orders/order-json.js';

const orderNotFound = (): ApiResponse => notFound('order not found');

/** Alpaca's statuses after which an order no longer works; every other status is open. */
const CLOSED_STATUSES = new Set(['filled', 'canceled', 'expired', 'rejected', 'replaced', 'done_for_day', 'calculated']);

/** The scenario's non-stock orders, listed beside the exchange's own; they sort before orders of the same instant. */
function otherOrders(orders: readonly OtherOrder[]): (ListedOrder & { json: () => Record<string, unknown> })[] {
  return orders.map((o, i) => ({
    id: o.id,
    seq: -orders.length + i,
    symbol: typeof o['symbol'] === 'string' ? o['symbol'] : '',
    side: typeof o['side'] === 'string' ? o['side'] : '',
    submittedAt: o.submitted_at,
    open: !CLOSED_STATUSES.has(o.status),
    assetClass: o.asset_class,
    json: () => ({ ...o }),
  }));
}

/** Alpaca's Orders API for simple market and limit orders. */
export const orderRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/v2/orders',
    handler: (req, ctx) => {
      const placed = ctx.orders.submit(req.body);
      return placed.ok ? ok(orderJson(placed.value)) : placed.error;
    },
  },
  {
    method: 'GET',
    path: '/v2/orders',
    handler: (req, ctx) => {
      const query = parseOrderQuery(req.query);
      if (!query.ok) return unprocessable(query.error);
      const stock = [...ctx.state.orders.values()].map((o) => ({ ...listedStockOrder(o), json: () => orderJson(o) }));
      const page = selectOrders([...stock, ...otherOrders(ctx.scenario.otherOrders ?? [])], query.value);
      return page.ok ? ok(page.value.map((o) => o.json())) : unprocessable(page.error);
    },
  },
  {
    method: 'DELETE',
    path: '/v2/orders',
    handler: (_req, ctx) => ({ status: 207, body: ctx.orders.cancelAll().map((o) => ({ id: o.id, status: 200 })) }),
  },
  {
    // One path segment, colon included: the router matches it literally, apart from /v2/orders/{order_id}.
    method: 'GET',
    path: '/v2/orders:by_client_order_id',
    handler: (req, ctx) => {
      const clientOrderId = req.query.get('client_order_id');
      if (!clientOrderId) return unprocessable('client_order_id is required');
      const order = ctx.state.orders.get(ctx.state.clientOrderIds.get(clientOrderId) ?? '');
      return order ? ok(orderJson(order)) : orderNotFound();
    },
  },
  {
    method: 'GET',
    path: '/v2/orders/:order_id',
    handler: (req, ctx) => {
      const order = ctx.state.orders.get(req.params['order_id'] ?? '');
      return order ? ok(orderJson(order)) : orderNotFound();
    },
  },
  {
    method: 'DELETE',
    path: '/v2/orders/:order_id',
    handler: (req, ctx) => {
      const outcome = ctx.orders.cancel(req.params['order_id'] ?? '');
      if (outcome.kind === 'not_found') return orderNotFound();
      if (outcome.kind === 'final') return apiError(422, 42210000, `order is already in "${outcome.status}" state`);
      return { status: 204, body: undefined };
    },
  },
];
