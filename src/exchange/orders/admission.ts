import type { Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';
import type { ListedAsset } from '../assets.js';
import type { ExchangeContext } from '../context.js';
import { apiError, unprocessable } from '../http/errors.js';
import type { ApiResponse } from '../http/types.js';
import { formatMoney, formatQty } from '../json/decimal.js';
import { buyingPowerLeft, currentPrice, hasOppositeOpenOrder, heldForOrders, openSellIds } from './exposure.js';
import type { OrderRequest } from './types.js';

/** What the order engine works on: the context minus the engine itself. */
export type ExchangeMarket = Pick<ExchangeContext, 'scenario' | 'assets' | 'state'>;

export interface Admitted {
  readonly asset: ListedAsset;
  /** The current price the checks used. */
  readonly price: number;
}

const assetProblem = (message: string): ApiResponse => apiError(422, 42210000, message);
const forbidden = (message: string, extra: Record<string, unknown> = {}): ApiResponse => ({
  status: 403,
  body: { ...extra, code: 40310000, message },
});

/**
 * The checks Alpaca makes against the account before taking an order: the client id, the asset, fractional rules,
 * wash trades, shares available to sell and buying power. The first failure is the answer.
 */
export function admitOrder(request: OrderRequest, ctx: ExchangeMarket, now: Date): Result<Admitted, ApiResponse> {
  const { state, scenario } = ctx;
  if (scenario.account.tradingBlocked === true) return err(forbidden('trading is blocked for this account'));
  if (request.clientOrderId !== null && state.clientOrderIds.has(request.clientOrderId)) {
    return err(unprocessable('client_order_id must be unique'));
  }
  const { symbol } = request;
  const asset = ctx.assets.bySymbol.get(symbol);
  if (asset === undefined) return err(assetProblem(`asset "${symbol}" not found`));
  if (asset.status !== 'active') return err(assetProblem(`asset "${symbol}" is not active`));
  if (!asset.tradable) return err(assetProblem(`asset "${symbol}" is not tradable`));

  const fractional = request.notional !== null || !Number.isInteger(request.qty);
  if (fractional) {
    if (!asset.fractionable) return err(assetProblem(`asset "${symbol}" is not fractionable`));
    if (request.timeInForce !== 'day') return err(assetProblem('fractional orders must be DAY orders'));
    if (request.type !== 'market') return err(assetProblem('fractional orders must be market orders'));
  }
  const price = currentPrice(scenario, symbol, now);
  if (price === undefined) return err(assetProblem(`asset "${symbol}" has no price yet`));

  if (hasOppositeOpenOrder(state, symbol, request.side)) return err(forbidden('potential wash trade detected. use complex orders'));

  if (request.side === 'sell') {
    const requested = request.qty ?? (request.notional ?? 0) / price;
    const existing = state.positions.get(symbol)?.qty ?? 0;
    const held = heldForOrders(state, scenario, symbol, now);
    const available = Math.max(existing - held, 0);
    if (requested > available + 1e-9) {
      return err(
        forbidden(`insufficient qty available for order (requested: ${formatQty(requested)}, available: ${formatQty(available)})`, {
          available: formatQty(available),
          existing_qty: formatQty(existing),
          held_for_orders: formatQty(held),
          symbol,
          related_orders: openSellIds(state, symbol),
        }),
      );
    }
  } else {
    const cost = request.notional ?? (request.qty ?? 0) * price;
    const buyingPower = buyingPowerLeft(state, scenario, now);
    if (cost > buyingPower + 1e-9) {
      return err(forbidden('insufficient buying power', { buying_power: formatMoney(buyingPower), cost_basis: formatMoney(cost) }));
    }
  }
  return ok({ asset, price });
}
