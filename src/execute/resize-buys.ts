/**
 * Shrinks phase-2 buys to the cash actually available after the sells. Pure, and exact: quantities, prices and the
 * budget are taken as the decimals they print as and multiplied in integers, so no float artefact reaches an order.
 */
export interface BuyToSize {
  readonly symbol: string;
  readonly qty: number;
  readonly price: number;
  readonly fractional: boolean;
}

export interface QtyChange {
  readonly symbol: string;
  readonly from: number;
  readonly to: number;
}

export interface ResizedBuys {
  readonly buys: readonly BuyToSize[];
  readonly changes: readonly QtyChange[];
}

/** Fractional cuts keep 6 decimals, rounded down so the result never exceeds the budget. */
const FRACTION_SCALE = 6;

/**
 * Unchanged when Σ qty × price fits the budget. Otherwise the largest buy by value shrinks first: whole-share buys
 * one share at a time, a fractional buy straight down to what fits; buys that reach 0 are dropped (and listed in
 * changes). Ties in value go to the symbol first in alphabetical order. A budget ≤ 0 drops every buy.
 */
export function resizeBuys(buys: readonly BuyToSize[], budget: number): ResizedBuys {
  for (const buy of buys) assertSizeable(buy);
  if (!Number.isFinite(budget)) throw new RangeError(`budget must be a finite number, got ${budget}`);
  if (budget <= 0) {
    return { buys: [], changes: buys.filter((b) => b.qty > 0).map((b) => ({ symbol: b.symbol, from: b.qty, to: 0 })) };
  }
  const items = buys.map((buy, index) => ({ buy, index, qty: toDec(buy.qty), price: toDec(buy.price) }));
  const cap = toDec(budget);
  let total = items.reduce((sum, it) => add(sum, mul(it.qty, it.price)), ZERO);
  if (compare(total, cap) <= 0) return { buys, changes: [] };

  while (compare(total, cap) > 0) {
    const ranked = items.filter((it) => it.qty.n > 0n).sort(byValueDescending);
    const [largest, runnerUp] = ranked;
    // Unreachable: with every buy at 0 the total is 0, which fits a positive budget.
    if (largest === undefined) break;
    const value = mul(largest.qty, largest.price);
    const newQty = largest.buy.fractional
      ? fractionalFit(sub(cap, sub(total, value)), largest.price)
      : sub(largest.qty, fromInt(sharesToRemove(sub(total, cap), largest, runnerUp)));
    const clamped = compare(newQty, ZERO) < 0 ? ZERO : newQty;
    total = add(sub(total, value), mul(clamped, largest.price));
    largest.qty = clamped;
  }

  const changes: QtyChange[] = [];
  const kept: BuyToSize[] = [];
  for (const it of items) {
    const qty = toNumber(it.qty);
    if (qty !== it.buy.qty) changes.push({ symbol: it.buy.symbol, from: it.buy.qty, to: qty });
    if (qty > 0 || qty === it.buy.qty) kept.push(qty === it.buy.qty ? it.buy : { ...it.buy, qty });
  }
  return { buys: kept, changes };
}

interface Item {
  readonly buy: BuyToSize;
  readonly index: number;
  qty: Dec;
  readonly price: Dec;
}

function byValueDescending(a: Item, b: Item): number {
  return compare(mul(b.qty, b.price), mul(a.qty, a.price)) || tieOrder(a, b);
}

/** Equal values: the symbol first in alphabetical order, then the one listed first. */
function tieOrder(a: Item, b: Item): number {
  if (a.buy.symbol !== b.buy.symbol) return a.buy.symbol < b.buy.symbol ? -1 : 1;
  return a.index - b.index;
}

/**
 * How many whole shares to take off `largest` in one go: the same result as one share at a time, without
 * looping per share. It stops when the excess is covered, when it would stop being the largest, or at 0.
 */
function sharesToRemove(excess: Dec, largest: Item, runnerUp: Item | undefined): bigint {
  const toCover = ceilDiv(excess, largest.price);
  const held = ceilDiv(largest.qty, ONE);
  let whileLargest = held;
  if (runnerUp !== undefined) {
    const gap = sub(mul(largest.qty, largest.price), mul(runnerUp.qty, runnerUp.price));
    // It stays first while its value is above the runner-up's, or equal and it wins the tie.
    const winsTie = tieOrder(largest, runnerUp) < 0;
    whileLargest = winsTie ? floorDiv(gap, largest.price) + 1n : ceilDiv(gap, largest.price);
  }
  return [toCover, held, whileLargest].reduce((a, b) => (b < a ? b : a));
}

/** The most of `price` that `room` buys, 6 decimals, rounded down; 0 when there is no room. */
function fractionalFit(room: Dec, price: Dec): Dec {
  if (compare(room, ZERO) <= 0) return ZERO;
  const [r, p] = align(room, price);
  return { n: (r * 10n ** BigInt(FRACTION_SCALE)) / p, s: FRACTION_SCALE };
}

function assertSizeable(buy: BuyToSize): void {
  if (!Number.isFinite(buy.qty) || buy.qty < 0) throw new RangeError(`${buy.symbol}: qty must be ≥ 0, got ${buy.qty}`);
  if (!Number.isFinite(buy.price) || buy.price < 0) throw new RangeError(`${buy.symbol}: price must be ≥ 0, got ${buy.price}`);
}

// ---- exact decimals: n × 10^-s ----

interface Dec {
  readonly n: bigint;
  readonly s: number;
}

const ZERO: Dec = { n: 0n, s: 0 };
const ONE: Dec = { n: 1n, s: 0 };
const fromInt = (n: bigint): Dec => ({ n, s: 0 });

/** The decimal a number prints as (its shortest round-trip form), so 0.1 is exactly one tenth. */
function toDec(x: number): Dec {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (match === null) throw new RangeError(`not a finite number: ${x}`);
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? { n: digits, s: scale } : { n: digits * 10n ** BigInt(-scale), s: 0 };
}

function toNumber(d: Dec): number {
  const negative = d.n < 0n;
  const digits = (negative ? -d.n : d.n).toString().padStart(d.s + 1, '0');
  const text = d.s === 0 ? digits : `${digits.slice(0, -d.s)}.${digits.slice(-d.s)}`;
  return Number(negative ? `-${text}` : text);
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.n * 10n ** BigInt(s - a.s), b.n * 10n ** BigInt(s - b.s), s];
}

const add = (a: Dec, b: Dec): Dec => {
  const [x, y, s] = align(a, b);
  return { n: x + y, s };
};
const sub = (a: Dec, b: Dec): Dec => {
  const [x, y, s] = align(a, b);
  return { n: x - y, s };
};
const mul = (a: Dec, b: Dec): Dec => ({ n: a.n * b.n, s: a.s + b.s });
const compare = (a: Dec, b: Dec): number => {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** floor(a / b) for a ≥ 0, b > 0. */
function floorDiv(a: Dec, b: Dec): bigint {
  const [x, y] = align(a, b);
  return x / y;
}

/** ceil(a / b) for a ≥ 0, b > 0. */
function ceilDiv(a: Dec, b: Dec): bigint {
  const [x, y] = align(a, b);
  return (x + y - 1n) / y;
}
