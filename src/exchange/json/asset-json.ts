import type { ListedAsset } from '../assets.js';

/** Alpaca's Assets model for a US equity. */
export function assetJson(a: ListedAsset): Record<string, unknown> {
  return {
    id: a.id,
    class: 'us_equity',
    exchange: a.exchange,
    symbol: a.symbol,
    name: a.name,
    status: a.status,
    tradable: a.tradable,
    marginable: true,
    shortable: true,
    easy_to_borrow: true,
    borrow_status: 'easy_to_borrow',
    fractionable: a.fractionable,
    attributes: [],
  };
}
