import { clockAt } from '../calendar/index.js';
import { ok } from '../http/errors.js';
import type { Route } from '../http/types.js';

export const clockRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v2/clock',
    handler: (_req, ctx) => {
      const clock = clockAt(ctx.state.now);
      return ok({ timestamp: clock.timestamp, is_open: clock.isOpen, next_open: clock.nextOpen, next_close: clock.nextClose });
    },
  },
];
