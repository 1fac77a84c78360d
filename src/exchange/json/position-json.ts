import { assetIdFor, type ListedAsset } from '../assets.js';
import type { PositionValuation } from '../valuation.js';
import { formatMoney, formatPrice, formatQty, formatRatio } from './decimal.js';

const ratio = (part: number, whole: number): string => formatRatio(whole === 0 ? 0 : part / whole);

/** Alpaca's Position model (long only: the emulator does not short). */
export function positionJson(p: PositionValuation, asset: ListedAsset | undefined): Record<string, unknown> {
  const unrealizedPl = p.marketValue - p.costBasis;
  const intradayPl = p.marketValue - p.lastdayValue;
  const qty = formatQty(p.qty);
  return {
    // An option contract or a coin is not listed among the stocks; its id is made the same way.
    asset_id: asset?.id ?? assetIdFor(p.symbol),
    symbol: p.symbol,
    exchange: asset?.exchange ?? '',
    asset_class: p.assetClass,
    asset_marginable: p.assetClass === 'us_equity',
    qty,
    qty_available: formatQty(Math.max(p.qty - p.heldForOrders, 0)),
    avg_entry_price: formatPrice(p.avgEntryPrice),
    side: 'long',
    market_value: formatMoney(p.marketValue),
    cost_basis: formatMoney(p.costBasis),
    unrealized_pl: formatMoney(unrealizedPl),
    unrealized_plpc: ratio(unrealizedPl, p.costBasis),
    unrealized_intraday_pl: formatMoney(intradayPl),
    unrealized_intraday_plpc: ratio(intradayPl, p.lastdayValue),
    current_price: formatPrice(p.price),
    lastday_price: formatPrice(p.lastdayPrice),
    change_today: ratio(p.price - p.lastdayPrice, p.lastdayPrice),
  };
}
