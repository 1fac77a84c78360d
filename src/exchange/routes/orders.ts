import { apiError, notFound, ok, unprocessable } from '../http/errors.js';
import type { ApiResponse, Route } from '../http/types.js';
import { parseOrderQuery, selectOrders } from '../orders/list-orders.js';
import { orderJson } from '../orders/order-json.js';

const orderNotFound = (): ApiResponse => notFound('order not found');

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
      const page = selectOrders(ctx.state.orders.values(), query.value);
      return page.ok ? ok(page.value.map(orderJson)) : unprocessable(page.error);
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
