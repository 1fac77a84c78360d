import { findAsset } from '../assets.js';
import { notFound, ok } from '../http/errors.js';
import type { Route } from '../http/types.js';
import { positionJson } from '../json/position-json.js';
import { valuePositions } from '../valuation.js';

export const positionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v2/positions',
    handler: (_req, ctx) => ok(valuePositions(ctx).map((p) => positionJson(p, ctx.assets.bySymbol.get(p.symbol)))),
  },
  {
    method: 'GET',
    path: '/v2/positions/:symbol_or_asset_id',
    handler: (req, ctx) => {
      const key = req.params['symbol_or_asset_id'] ?? '';
      const symbol = findAsset(ctx.assets, key)?.symbol ?? key.toUpperCase();
      const position = valuePositions(ctx).find((p) => p.symbol === symbol);
      return position ? ok(positionJson(position, ctx.assets.bySymbol.get(symbol))) : notFound('position does not exist');
    },
  },
];
