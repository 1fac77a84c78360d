import { describe, expect, it } from 'vitest';
import { resizeBuys, type BuyToSize } from '../../src/execute/resize-buys.js';

const buy = (symbol: string, qty: number, price: number, fractional = false): BuyToSize => ({ symbol, qty, price, fractional });

describe('resizeBuys', () => {
  it('leaves buys that fit the budget unchanged', () => {
    const buys = [buy('AAA', 10, 100), buy('BBB', 5, 50)];
    expect(resizeBuys(buys, 1250)).toEqual({ buys, changes: [] });
  });

  it('takes whole shares off the largest buy by value until the total fits', () => {
    // BBB has more shares, but AAA is worth more (1000 against 250), so AAA shrinks.
    const result = resizeBuys([buy('AAA', 10, 100), buy('BBB', 50, 5)], 1100);
    expect(result.buys).toEqual([buy('AAA', 8, 100), buy('BBB', 50, 5)]);
    expect(result.changes).toEqual([{ symbol: 'AAA', from: 10, to: 8 }]);
  });

  it('moves on to the next largest once the first is no longer the largest, ties going alphabetically', () => {
    const result = resizeBuys([buy('BBB', 3, 100), buy('AAA', 3, 100)], 450);
    expect(result.buys).toEqual([buy('BBB', 2, 100), buy('AAA', 2, 100)]);
    expect(result.changes).toEqual([
      { symbol: 'BBB', from: 3, to: 2 },
      { symbol: 'AAA', from: 3, to: 2 },
    ]);
  });

  it('drops a buy that reaches 0 shares but lists it among the changes', () => {
    const result = resizeBuys([buy('AAA', 1, 500), buy('BBB', 2, 100)], 250);
    expect(result.buys).toEqual([buy('BBB', 2, 100)]);
    expect(result.changes).toEqual([{ symbol: 'AAA', from: 1, to: 0 }]);
  });

  it('cuts a fractional buy straight down to what fits', () => {
    const result = resizeBuys([buy('AAA', 10, 100, true), buy('BBB', 1, 30)], 700.5);
    expect(result.buys).toEqual([buy('AAA', 6.705, 100, true), buy('BBB', 1, 30)]);
    expect(result.changes).toEqual([{ symbol: 'AAA', from: 10, to: 6.705 }]);
  });

  it('rounds a fractional cut down at 6 decimals so it stays within the budget', () => {
    expect(resizeBuys([buy('AAA', 1, 3, true)], 1).buys).toEqual([buy('AAA', 0.333333, 3, true)]);
  });

  it('cuts a fractional buy to 0 when the other buys alone exceed the budget, then shrinks those', () => {
    const result = resizeBuys([buy('AAA', 2, 100, true), buy('BBB', 1, 150)], 120);
    expect(result.buys).toEqual([]);
    expect(result.changes).toEqual([
      { symbol: 'AAA', from: 2, to: 0 },
      { symbol: 'BBB', from: 1, to: 0 },
    ]);
  });

  it('judges the total in exact decimals: 3 × 0.1 fits a budget of 0.3', () => {
    // In floating point 3 * 0.1 is 0.30000000000000004, which would wrongly exceed the budget.
    expect(resizeBuys([buy('AAA', 3, 0.1)], 0.3).changes).toEqual([]);
    expect(resizeBuys([buy('AAA', 3, 0.1, true)], 0.2).buys).toEqual([buy('AAA', 2, 0.1, true)]);
    // And 0.3 / 0.1 is 2.9999999999999996 in floating point, which would round down to 2.999999 shares.
    expect(resizeBuys([buy('AAA', 5, 0.1, true)], 0.3).buys).toEqual([buy('AAA', 3, 0.1, true)]);
  });

  it.each([0, -50])('drops every buy when the budget is %d', (budget) => {
    const result = resizeBuys([buy('AAA', 2, 10), buy('BBB', 0.5, 40, true)], budget);
    expect(result.buys).toEqual([]);
    expect(result.changes).toEqual([
      { symbol: 'AAA', from: 2, to: 0 },
      { symbol: 'BBB', from: 0.5, to: 0 },
    ]);
  });

  it('shrinks a very large order quickly', () => {
    const started = performance.now();
    const result = resizeBuys([buy('PENNY', 1_000_000, 1.5), buy('AAA', 1, 50)], 200);
    expect(result.buys).toEqual([buy('PENNY', 100, 1.5), buy('AAA', 1, 50)]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each([
    { problem: 'a negative quantity', buys: [buy('AAA', -1, 10)], budget: 5 },
    { problem: 'a price that is not a number', buys: [buy('AAA', 1, Number.NaN)], budget: 5 },
    { problem: 'an infinite budget', buys: [buy('AAA', 1, 10)], budget: Number.POSITIVE_INFINITY },
  ])('throws on $problem (a bug upstream)', ({ buys, budget }) => {
    expect(() => resizeBuys(buys, budget)).toThrow(RangeError);
  });
});

describe('resizeBuys against a one-share-at-a-time reference', () => {
  /** The rule as written, in integer cents and millionths of a share: slow but plainly correct. */
  function reference(buys: readonly BuyToSize[], budget: number): Map<string, number> {
    const cents = (x: number) => BigInt(Math.round(x * 100));
    const micro = (x: number) => BigInt(Math.round(x * 1e6));
    const items = buys.map((b, index) => ({ b, index, qty: micro(b.qty), price: cents(b.price) }));
    const cap = cents(budget) * 1_000_000n;
    const value = (it: (typeof items)[number]) => it.qty * it.price;
    let total = items.reduce((sum, it) => sum + value(it), 0n);
    while (total > cap) {
      const largest = items
        .filter((it) => it.qty > 0n)
        .sort((a, b) => (value(b) > value(a) ? 1 : value(b) < value(a) ? -1 : a.b.symbol < b.b.symbol ? -1 : a.b.symbol > b.b.symbol ? 1 : a.index - b.index))[0];
      if (largest === undefined) throw new Error('reference: nothing left to shrink');
      const room = cap - (total - value(largest));
      const next = largest.b.fractional ? (room <= 0n ? 0n : room / largest.price) : largest.qty - 1_000_000n;
      const clamped = next < 0n ? 0n : next;
      total += (clamped - largest.qty) * largest.price;
      largest.qty = clamped;
    }
    return new Map(items.map((it) => [it.b.symbol, Number(it.qty) / 1e6]));
  }

  /** A small seeded generator (mulberry32), so a failing case can be replayed. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('agrees on 500 random plans and never exceeds the budget', () => {
    const next = random(20251120);
    for (let run = 0; run < 500; run++) {
      const count = 1 + Math.floor(next() * 6);
      const buys = Array.from({ length: count }, (_, i) => {
        const fractional = next() < 0.4;
        const price = Math.round(1 + next() * 49_999) / 100;
        // Repeated prices and quantities make ties, which is where orderings usually go wrong.
        const qty = fractional ? Math.round(next() * 20_000_000) / 1e6 : Math.floor(next() * 40);
        return buy(`S${String.fromCharCode(65 + ((i * 7) % 26))}${i}`, run % 3 === 0 ? 5 : qty, run % 5 === 0 ? 10 : price, fractional);
      });
      const total = buys.reduce((sum, b) => sum + b.qty * b.price, 0);
      const budget = Math.round(next() * total * 110) / 100;

      const result = resizeBuys(buys, budget);
      const expected = reference(buys, budget);
      const got = new Map(buys.map((b) => [b.symbol, result.buys.find((r) => r.symbol === b.symbol)?.qty ?? 0]));
      expect({ run, got: [...got] }).toEqual({ run, got: [...expected] });
      const spentMicroCents = result.buys.reduce((sum, b) => sum + BigInt(Math.round(b.qty * 1e6)) * BigInt(Math.round(b.price * 100)), 0n);
      expect(spentMicroCents).toBeLessThanOrEqual(BigInt(Math.round(budget * 100)) * 1_000_000n);
      for (const change of result.changes) expect(expected.get(change.symbol)).toBe(change.to);
    }
  });
});
