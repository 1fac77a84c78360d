import { ok, unprocessable } from '../http/errors.js';
import type { Route } from '../http/types.js';

const STATUSES = new Set(['open', 'closed', 'all']);

/**
 * Order listing. The exchange does not take orders yet, so every listing is empty; the route exists
 * so that the planner's open-order check (gate 1) talks to it exactly as it talks to Alpaca.
 */
export const orderRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v2/orders',
    handler: (req) => {
      const status = req.query.get('status') ?? 'open';
      if (!STATUSES.has(status)) return unprocessable(`invalid status "${status}": expected open, closed or all`);
      return ok([]);
    },
  },
];
