import { describe, expect, it } from 'vitest';
import type { OrderIntent, SizingMode } from '../../src/domain/index.js';
import { structureGate } from '../../src/validate/structure-gate.js';
import { aPlanContext, aPosition, activeAssets, anAsset, anOpenOrder, anOrderIntent, assetsBySymbol } from '../builders.js';

/** Casts a value the type system forbids, as a corrupted or hand-edited plan could carry. */
const untyped = <T>(value: unknown): T => value as T;

describe('structureGate', () => {
  it('passes well-formed buys and a sell of shares held', () => {
    const result = structureGate(
      aPlanContext({
        orders: [
          anOrderIntent({ side: 'sell', symbol: 'MSFT', qty: 5 }),
          anOrderIntent({ side: 'buy', symbol: 'BRK.B', qty: 3 }),
          anOrderIntent({ side: 'buy', symbol: 'AAPL', qty: 10 }),
        ],
        positions: [aPosition({ symbol: 'MSFT', qty: 5 })],
      }),
    );
    expect(result).toMatchObject({ id: 1, name: 'structure', status: 'pass' });
  });

  it.each<{ condition: string; order: Partial<OrderIntent>; message: RegExp }>([
    { condition: 'the symbol is lower case', order: { symbol: 'aapl' }, message: /"aapl" is not a valid symbol/ },
    { condition: 'the symbol has a slash', order: { symbol: 'BRK/B' }, message: /"BRK\/B" is not a valid symbol/ },
    { condition: 'the symbol is empty', order: { symbol: '' }, message: /"" is not a valid symbol/ },
    { condition: 'the side is unknown', order: { side: untyped('short') }, message: /side must be buy or sell/ },
    { condition: 'a buy sits in phase 1', order: { side: 'buy', phase: 1 }, message: /a buy belongs in phase 2, not 1/ },
    { condition: 'the quantity is 0', order: { qty: 0 }, message: /buy 0 AAPL: quantity must be a positive finite number/ },
    { condition: 'the quantity is negative', order: { qty: -2 }, message: /quantity must be a positive finite number/ },
    { condition: 'the quantity is NaN', order: { qty: Number.NaN }, message: /quantity must be a positive finite number/ },
    { condition: 'the quantity is infinite', order: { qty: Number.POSITIVE_INFINITY }, message: /quantity must be a positive finite number/ },
    { condition: 'the quantity is fractional in floor mode', order: { qty: 1.5 }, message: /buy 1\.5 AAPL: quantity must be whole shares \(sizing mode is floor\)/ },
    { condition: 'the type is limit', order: { type: untyped('limit') }, message: /type must be market, not limit/ },
    { condition: 'the time in force is gtc', order: { timeInForce: untyped('gtc') }, message: /time in force must be day, not gtc/ },
  ])('fails when $condition', ({ order, message }) => {
    const result = structureGate(aPlanContext({ orders: [anOrderIntent({ symbol: 'AAPL', ...order })] }));
    expect(result.status).toBe('fail');
    expect(result.messages).toEqual([expect.stringMatching(message)]);
  });

  it.each<{ mode: SizingMode; fractionable: boolean; status: string }>([
    { mode: 'fractional', fractionable: true, status: 'pass' },
    { mode: 'fractional', fractionable: false, status: 'fail' },
    { mode: 'fill', fractionable: true, status: 'fail' },
  ])('gives $status for 0.25 shares in $mode mode when fractionable is $fractionable', ({ mode, fractionable, status }) => {
    const result = structureGate(
      aPlanContext({
        orders: [anOrderIntent({ symbol: 'AAPL', qty: 0.25 })],
        sizingMode: mode,
        assets: assetsBySymbol(anAsset({ symbol: 'AAPL', fractionable })),
      }),
    );
    expect(result.status).toBe(status);
  });

  it('fails a fractional quantity with more than 9 decimals', () => {
    const result = structureGate(
      aPlanContext({ orders: [anOrderIntent({ qty: 0.1 + 0.2 })], sizingMode: 'fractional', assets: activeAssets(['AAPL']) }),
    );
    expect(result.status).toBe('fail');
    expect(result.messages[0]).toMatch(/more than 9 decimals/);
  });

  it.each([
    { condition: 'the sell exceeds the position', held: 4, message: /sell 5 AAPL exceeds the 4 share\(s\) held \(no short selling\)/ },
    { condition: 'nothing is held', held: 0, message: /sell 5 AAPL exceeds the 0 share\(s\) held/ },
  ])('fails a sell when $condition', ({ held, message }) => {
    const positions = held > 0 ? [aPosition({ symbol: 'AAPL', qty: held })] : [];
    const result = structureGate(aPlanContext({ orders: [anOrderIntent({ side: 'sell', qty: 5 })], positions }));
    expect(result.status).toBe('fail');
    expect(result.messages).toEqual([expect.stringMatching(message)]);
  });

  it('fails an order for a symbol that already has an open order at the broker', () => {
    const result = structureGate(
      aPlanContext({
        orders: [anOrderIntent({ symbol: 'AAPL' }), anOrderIntent({ symbol: 'MSFT' })],
        openOrders: [anOpenOrder({ id: 'ord-9', symbol: 'AAPL', side: 'sell', qty: 2, status: 'accepted' })],
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.messages).toEqual([expect.stringMatching(/AAPL: the broker already has an open order for AAPL: sell 2 \(accepted, id ord-9\)/)]);
  });

  it('fails a plan with two orders for the same symbol', () => {
    const result = structureGate(aPlanContext({ orders: [anOrderIntent({ qty: 1 }), anOrderIntent({ qty: 2 })] }));
    expect(result.status).toBe('fail');
    expect(result.messages).toEqual([expect.stringMatching(/2 orders for AAPL/)]);
  });
});
