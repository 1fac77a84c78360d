export interface Account {
  readonly equity: number;
  readonly cash: number;
  readonly buyingPower: number;
  readonly status: string;
  readonly tradingBlocked: boolean;
  readonly accountBlocked: boolean;
}

/**
 * Alpaca's asset classes (AssetClass in the Trading spec). Only `us_equity` is managed by the tool; anything
 * else (options, crypto, a class this version does not know) is counted in equity and left alone.
 */
export type AssetClass = 'us_equity' | 'us_option' | 'crypto' | 'ipo' | `unknown:${string}`;

export const MANAGED_ASSET_CLASS = 'us_equity' satisfies AssetClass;

export function toAssetClass(text: string): AssetClass {
  return text === 'us_equity' || text === 'us_option' || text === 'crypto' || text === 'ipo' ? text : `unknown:${text}`;
}

export interface Position {
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly qty: number;
  readonly avgEntryPrice: number;
  readonly currentPrice: number;
  readonly marketValue: number;
}

export type OrderSide = 'buy' | 'sell';

/** A position the tool may trade: a plain US stock. */
export function isManagedPosition(position: Pick<Position, 'assetClass'>): boolean {
  return position.assetClass === MANAGED_ASSET_CLASS;
}
