import type { AccountValuation } from '../valuation.js';
import { formatMoney } from './decimal.js';

/** Fixed: the local exchange has exactly one account. */
export const LOCAL_ACCOUNT_ID = '5e3f7d0a-6a1c-4c55-9a7e-1c0ffee00001';
const CREATED_AT = '2024-01-02T14:30:00Z';

/**
 * Alpaca's Account model. The emulator does not model margin, so margin figures are zero;
 * the deprecated pattern-day-trader fields are left out as Alpaca now does.
 */
export function accountJson(a: AccountValuation, balanceAsof: string, tradingBlocked = false): Record<string, unknown> {
  const money = formatMoney;
  return {
    id: LOCAL_ACCOUNT_ID,
    account_number: 'PALOCAL0001',
    status: 'ACTIVE',
    crypto_status: 'INACTIVE',
    currency: 'USD',
    cash: money(a.cash),
    portfolio_value: money(a.equity),
    equity: money(a.equity),
    last_equity: money(a.lastEquity),
    long_market_value: money(a.longMarketValue),
    short_market_value: money(0),
    buying_power: money(a.buyingPower),
    regt_buying_power: money(a.buyingPower),
    effective_buying_power: money(a.buyingPower),
    non_marginable_buying_power: money(a.nonMarginableBuyingPower),
    options_buying_power: money(a.nonMarginableBuyingPower),
    initial_margin: money(0),
    maintenance_margin: money(0),
    last_maintenance_margin: money(0),
    sma: money(0),
    multiplier: String(a.multiplier),
    shorting_enabled: a.multiplier > 1,
    trading_blocked: tradingBlocked,
    transfers_blocked: false,
    account_blocked: false,
    trade_suspended_by_user: false,
    created_at: CREATED_AT,
    accrued_fees: money(0),
    pending_transfer_in: money(0),
    pending_transfer_out: money(0),
    pending_reg_taf_fees: money(0),
    intraday_adjustments: money(0),
    balance_asof: balanceAsof,
    options_approved_level: 0,
    options_trading_level: 0,
  };
}
