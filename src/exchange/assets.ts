import { createHash } from 'node:crypto';
import type { MarketScenario } from './scenario.js';

export type ListingExchange = 'NASDAQ' | 'NYSE';

/** An asset as the local exchange lists it: every symbol with bar data. */
export interface ListedAsset {
  readonly id: string;
  readonly symbol: string;
  readonly exchange: ListingExchange;
  readonly name: string;
  readonly status: 'active' | 'inactive';
  readonly tradable: boolean;
  readonly fractionable: boolean;
}

export interface AssetCatalog {
  /** Sorted by symbol. */
  readonly all: readonly ListedAsset[];
  readonly bySymbol: ReadonlyMap<string, ListedAsset>;
  readonly byId: ReadonlyMap<string, ListedAsset>;
}

/** A UUID derived from the symbol (SHA-1, version 5 layout), so ids survive restarts. */
export function assetIdFor(symbol: string): string {
  const h = createHash('sha1').update(`regime-rebalancer/asset/${symbol}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function buildAssetCatalog(scenario: MarketScenario): AssetCatalog {
  const inactive = new Set(scenario.assets.inactive);
  const notTradable = new Set(scenario.assets.notTradable);
  const notFractionable = new Set(scenario.assets.notFractionable);
  const all = [...scenario.bars.keys()].sort().map((symbol): ListedAsset => {
    const id = assetIdFor(symbol);
    return {
      id,
      symbol,
      // Any valid venue will do; deriving it from the id keeps it stable per symbol.
      exchange: parseInt(id.slice(0, 2), 16) % 2 === 0 ? 'NASDAQ' : 'NYSE',
      name: `${symbol} (local exchange)`,
      status: inactive.has(symbol) ? 'inactive' : 'active',
      tradable: !notTradable.has(symbol),
      fractionable: !notFractionable.has(symbol),
    };
  });
  return {
    all,
    bySymbol: new Map(all.map((a) => [a.symbol, a])),
    byId: new Map(all.map((a) => [a.id, a])),
  };
}

/** Looks an asset up the way Alpaca's path parameter works: by symbol or by asset id. */
export function findAsset(catalog: AssetCatalog, symbolOrId: string): ListedAsset | undefined {
  return catalog.bySymbol.get(symbolOrId.toUpperCase()) ?? catalog.byId.get(symbolOrId.toLowerCase());
}
