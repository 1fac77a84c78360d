import { describe, expect, it } from 'vitest';
import { diffPositions, type DiffInput } from '../../src/diff/position-differ.js';
import { aPosition, aTarget } from '../builders.js';

function diff(input: Partial<DiffInput>) {
  return diffPositions({ positions: [], targets: [], universe: ['AAA', 'BBB', 'CCC', 'DDD'], ignoreSymbols: [], ...input });
}

describe('diffPositions', () => {
  it.each([
    {
      condition: 'a target is not held',
      held: undefined,
      target: 5,
      order: { action: 'OPEN', side: 'buy', qty: 5, fromQty: 0, toQty: 5, phase: 2, reason: 'new pick' },
    },
    {
      condition: 'a holding is no longer targeted',
      held: 10,
      target: undefined,
      order: { action: 'CLOSE', side: 'sell', qty: 10, fromQty: 10, toQty: 0, phase: 1, reason: 'not in the top picks' },
    },
    {
      condition: 'a holding is targeted at 0 shares',
      held: 10,
      target: 0,
      order: { action: 'CLOSE', side: 'sell', qty: 10, fromQty: 10, toQty: 0, phase: 1, reason: 'target is 0 shares' },
    },
    {
      condition: 'the target is above the holding',
      held: 10,
      target: 15,
      order: { action: 'ADJUST', side: 'buy', qty: 5, fromQty: 10, toQty: 15, phase: 2, reason: 'rebalance to target' },
    },
    {
      condition: 'the target is below the holding',
      held: 10,
      target: 4,
      order: { action: 'ADJUST', side: 'sell', qty: 6, fromQty: 10, toQty: 4, phase: 1, reason: 'rebalance to target' },
    },
  ])('plans $order.action $order.side when $condition', ({ held, target, order }) => {
    const orders = diff({
      positions: held === undefined ? [] : [aPosition({ symbol: 'AAA', qty: held })],
      targets: target === undefined ? [] : [aTarget({ symbol: 'AAA', qty: target })],
    });
    expect(orders).toEqual([{ symbol: 'AAA', type: 'market', timeInForce: 'day', ...order }]);
  });

  it.each([
    { condition: 'the holding equals the target', positions: [aPosition({ symbol: 'AAA', qty: 7 })], targets: [aTarget({ symbol: 'AAA', qty: 7 })] },
    { condition: 'a target of 0 is not held', positions: [], targets: [aTarget({ symbol: 'AAA', qty: 0 })] },
    { condition: 'nothing is held or targeted', positions: [], targets: [] },
  ])('plans no order when $condition', ({ positions, targets }) => {
    expect(diff({ positions, targets })).toEqual([]);
  });

  it('closes a position outside the universe and says why', () => {
    const orders = diff({ positions: [aPosition({ symbol: 'ZZZ', qty: 3 })] });
    expect(orders).toEqual([expect.objectContaining({ action: 'CLOSE', side: 'sell', symbol: 'ZZZ', qty: 3 })]);
    expect(orders[0]?.reason).toMatch(/outside the universe/);
  });

  it('never touches an ignored symbol, held or targeted', () => {
    const orders = diff({
      positions: [aPosition({ symbol: 'KEEP', qty: 50 }), aPosition({ symbol: 'AAA', qty: 1 })],
      targets: [aTarget({ symbol: 'BBB', qty: 9 }), aTarget({ symbol: 'AAA', qty: 2 })],
      universe: ['AAA', 'BBB'],
      ignoreSymbols: ['KEEP', 'BBB'],
    });
    expect(orders.map((o) => o.symbol)).toEqual(['AAA']);
  });

  it('puts every sell before every buy, each group sorted by symbol', () => {
    const orders = diff({
      positions: [aPosition({ symbol: 'DDD', qty: 5 }), aPosition({ symbol: 'BBB', qty: 5 }), aPosition({ symbol: 'CCC', qty: 5 })],
      targets: [aTarget({ symbol: 'CCC', qty: 8 }), aTarget({ symbol: 'AAA', qty: 1 })],
    });
    expect(orders.map((o) => `${o.phase} ${o.side} ${o.symbol}`)).toEqual([
      '1 sell BBB',
      '1 sell DDD',
      '2 buy AAA',
      '2 buy CCC',
    ]);
  });

  it.each([
    { held: 0.3, target: 0.1, side: 'sell', qty: 0.2 },
    { held: 1.1, target: 1.3, side: 'buy', qty: 0.2 },
    { held: 0.1 + 0.2, target: 0.3, side: undefined, qty: undefined },
    { held: 2.123456789, target: 1, side: 'sell', qty: 1.123456789 },
  ])('plans an exact quantity difference from $held to $target', ({ held, target, side, qty }) => {
    const orders = diff({ positions: [aPosition({ symbol: 'AAA', qty: held })], targets: [aTarget({ symbol: 'AAA', qty: target })] });
    if (side === undefined) expect(orders).toEqual([]);
    else expect(orders).toEqual([expect.objectContaining({ side, qty })]);
  });
});
