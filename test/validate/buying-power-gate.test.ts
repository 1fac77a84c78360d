import { describe, expect, it } from 'vitest';
import { buyingPowerGate } from '../../src/validate/buying-power-gate.js';
import { aPlanContext, aPosition, anAccount, anOrderIntent } from '../builders.js';

const prices = new Map([
  ['AAPL', 100],
  ['MSFT', 100],
]);

describe('buyingPowerGate', () => {
  it.each([
    { condition: 'buys cost exactly the buying power', buyingPower: 5_000, buy: 50, sell: 0, status: 'pass' },
    { condition: 'sell proceeds cover what buying power does not', buyingPower: 1_000, buy: 45, sell: 40, status: 'pass' },
    { condition: 'the plan only sells, with no buying power at all', buyingPower: 0, buy: 0, sell: 40, status: 'pass' },
    { condition: 'buys exceed buying power plus sell proceeds', buyingPower: 1_000, buy: 51, sell: 40, status: 'fail' },
  ])('gives $status when $condition', ({ buyingPower, buy, sell, status }) => {
    const orders = [
      ...(sell > 0 ? [anOrderIntent({ side: 'sell', symbol: 'MSFT', qty: sell })] : []),
      ...(buy > 0 ? [anOrderIntent({ side: 'buy', symbol: 'AAPL', qty: buy })] : []),
    ];
    const result = buyingPowerGate(
      aPlanContext({ orders, prices, account: anAccount({ buyingPower }), positions: [aPosition({ symbol: 'MSFT', qty: 40 })] }),
    );
    expect(result).toMatchObject({ id: 2, name: 'buying power', status });
  });

  it('explains a shortfall with the buy cost, buying power, sell proceeds and the gap', () => {
    const result = buyingPowerGate(
      aPlanContext({
        orders: [anOrderIntent({ side: 'sell', symbol: 'MSFT', qty: 10 }), anOrderIntent({ symbol: 'AAPL', qty: 30 })],
        prices,
        account: anAccount({ buyingPower: 1_500 }),
      }),
    );
    expect(result.messages).toEqual([
      'buys exceed the money available by $500.00: buys $3,000.00 vs buying power $1,500.00 + sell proceeds $1,000.00 = $2,500.00',
    ]);
  });

  it('fails a buy with no current price anywhere', () => {
    const result = buyingPowerGate(aPlanContext({ orders: [anOrderIntent({ symbol: 'NOPX', qty: 1 })] }));
    expect(result.status).toBe('fail');
    expect(result.messages).toEqual(['no current price for buy order(s): NOPX']);
  });
});

describe('buyingPowerGate with the executor reserve', () => {
  const config = { maxPositionPct: 0.25, positionSizeFails: false, maxTotalAllocation: 1, minPrice: 5, buyingPowerReserve: 0.01 };

  it.each([
    { buy: 49, status: 'pass' }, // $4,900 ≤ 99% of $5,000
    { buy: 50, status: 'warn' }, // $5,000 fits, but not once 1% is held back
    { buy: 51, status: 'fail' },
  ])('gives $status for $buy shares against $5,000 with a 1% reserve', ({ buy, status }) => {
    const result = buyingPowerGate(
      aPlanContext({ orders: [anOrderIntent({ symbol: 'AAPL', qty: buy })], prices, account: anAccount({ buyingPower: 5_000 }), config }),
    );
    expect(result.status).toBe(status);
    if (status === 'warn') expect(result.messages[1]).toMatch(/1\.0% reserve and will shrink the buys; set sizing\.cashBuffer to at least 0\.01/);
  });
});
