import { describe, expect, it } from 'vitest';
import type { Asset, OrderSide } from '../../src/domain/index.js';
import { symbolValidityGate } from '../../src/validate/symbol-validity-gate.js';
import { aPlanContext, anAsset, anOrderIntent, aPosition, assetsBySymbol } from '../builders.js';

describe('symbolValidityGate', () => {
  it.each<{ condition: string; asset: Asset | undefined; side: OrderSide; price: number; status: string; message?: RegExp }>([
    { condition: 'a buy is active, tradable and above the minimum price', asset: anAsset({ symbol: 'XYZ' }), side: 'buy', price: 5, status: 'pass' },
    { condition: 'a sell is below the minimum price', asset: anAsset({ symbol: 'XYZ' }), side: 'sell', price: 1, status: 'pass' },
    { condition: 'the asset is unknown', asset: undefined, side: 'sell', price: 50, status: 'fail', message: /XYZ: unknown asset/ },
    { condition: 'the asset is inactive', asset: anAsset({ symbol: 'XYZ', status: 'inactive' }), side: 'sell', price: 50, status: 'fail', message: /XYZ: asset is inactive/ },
    { condition: 'the asset is not tradable', asset: anAsset({ symbol: 'XYZ', tradable: false }), side: 'buy', price: 50, status: 'fail', message: /XYZ: asset is not tradable/ },
    { condition: 'a buy is below the minimum price', asset: anAsset({ symbol: 'XYZ' }), side: 'buy', price: 4.99, status: 'fail', message: /XYZ: price \$4\.99 is below the minimum \$5\.00 for a buy/ },
  ])('gives $status when $condition', ({ asset, side, price, status, message }) => {
    const result = symbolValidityGate(
      aPlanContext({
        orders: [anOrderIntent({ symbol: 'XYZ', side, qty: 1 })],
        positions: [aPosition({ symbol: 'XYZ', qty: 1 })],
        prices: new Map([['XYZ', price]]),
        assets: asset === undefined ? assetsBySymbol() : assetsBySymbol(asset),
      }),
    );
    expect(result).toMatchObject({ id: 6, name: 'symbol validity', status });
    if (message !== undefined) expect(result.messages).toEqual([expect.stringMatching(message)]);
  });
});
