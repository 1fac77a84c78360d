import { findAsset } from '../assets.js';
import { notFound, ok } from '../http/errors.js';
import type { Route } from '../http/types.js';
import { assetJson } from '../json/asset-json.js';

export const assetRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v2/assets',
    handler: (req, ctx) => {
      const status = req.query.get('status') || undefined;
      const assetClass = req.query.get('asset_class') || 'us_equity';
      const exchange = req.query.get('exchange') || undefined;
      // Any-of match on attributes; the local assets carry none, so any requested attribute excludes them all.
      const attributes = (req.query.get('attributes') ?? '').split(',').filter((a) => a.trim() !== '');
      if (assetClass !== 'us_equity' || attributes.length > 0) return ok([]);
      const listed = ctx.assets.all.filter(
        (a) => (status === undefined || a.status === status) && (exchange === undefined || a.exchange === exchange),
      );
      return ok(listed.map(assetJson));
    },
  },
  {
    method: 'GET',
    path: '/v2/assets/:symbol_or_asset_id',
    handler: (req, ctx) => {
      const asset = findAsset(ctx.assets, req.params['symbol_or_asset_id'] ?? '');
      return asset ? ok(assetJson(asset)) : notFound('asset not found');
    },
  },
];
