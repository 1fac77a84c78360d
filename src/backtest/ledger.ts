/**
 * The backtest's book: cash and positions, changed only by fills and dividends, with a second, independent tally of
 * profit and loss (realized, unrealized, dividends, costs) so every simulated day can prove the two agree.
 * Position-based: equity is always cash + Σ qty × price, never compounded returns.
 */
import { roundQty } from '../domain/index.js';

export interface Holding {
  readonly qty: number;
  /** Average cost per share at the market price (before slippage and commission: those are costs). */
  readonly basis: number;
}

export interface FillBooking {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  /** The market's price the order filled against (the day's close or open). */
  readonly marketPrice: number;
  /** What was paid or received per share: the market price moved against the trader by the slippage. */
  readonly fillPrice: number;
  readonly commission: number;
}

/** Broken bookkeeping: a bug, never a market event. */
export class AccountingError extends Error {
  constructor(
    readonly day: string,
    message: string,
  ) {
    super(`accounting invariant broken on ${day}: ${message}`);
    this.name = 'AccountingError';
  }
}

/** Relative tolerance of the daily checks: far above float error over decades, far below one share of anything. */
const TOLERANCE = 1e-7;

export class Ledger {
  private cashValue: number;
  private readonly holdings = new Map<string, Holding>();
  // The P&L tally since the last close; reset by closeDay.
  private realized = 0;
  private costs = 0;
  private dividends = 0;
  private lastEquity: number;
  private lastUnrealized = 0;
  private totals = { costs: 0, dividends: 0, traded: 0, fills: 0 };

  constructor(readonly capital: number) {
    this.cashValue = capital;
    this.lastEquity = capital;
  }

  get cash(): number {
    return this.cashValue;
  }

  positions(): ReadonlyMap<string, Holding> {
    return this.holdings;
  }

  qtyOf(symbol: string): number {
    return this.holdings.get(symbol)?.qty ?? 0;
  }

  /** Money spent and received so far: costs, dividends, Σ|traded value| and the number of fills. */
  get running(): { readonly costs: number; readonly dividends: number; readonly traded: number; readonly fills: number } {
    return this.totals;
  }

  /** Books one fill. The caller has checked it is allowed (cash, shares); this only records it. */
  book(fill: FillBooking): void {
    const { symbol, qty, marketPrice, fillPrice, commission } = fill;
    const held = this.holdings.get(symbol) ?? { qty: 0, basis: 0 };
    // Signed: rounding the slipped price to the cent can land it on the trader's side of the market price.
    const cost = (fill.side === 'buy' ? fillPrice - marketPrice : marketPrice - fillPrice) * qty + commission;
    if (fill.side === 'buy') {
      this.cashValue -= qty * fillPrice + commission;
      const after = roundQty(held.qty + qty);
      this.holdings.set(symbol, { qty: after, basis: (held.qty * held.basis + qty * marketPrice) / after });
    } else {
      this.cashValue += qty * fillPrice - commission;
      this.realized += qty * (marketPrice - held.basis);
      const after = roundQty(held.qty - qty);
      if (after === 0) this.holdings.delete(symbol);
      else this.holdings.set(symbol, { qty: after, basis: held.basis });
    }
    this.costs += cost;
    this.totals = { ...this.totals, costs: this.totals.costs + cost, traded: this.totals.traded + qty * marketPrice, fills: this.totals.fills + 1 };
  }

  /** A cash dividend per share on every share held of `symbol`; returns the amount credited. */
  creditDividend(symbol: string, perShare: number): number {
    const qty = this.qtyOf(symbol);
    if (qty <= 0 || !(perShare > 0)) return 0;
    const amount = qty * perShare;
    this.cashValue += amount;
    this.dividends += amount;
    this.totals = { ...this.totals, dividends: this.totals.dividends + amount };
    return amount;
  }

  /** Value of the holdings at `priceOf` (a held symbol without a price is a caller bug). */
  invested(priceOf: (symbol: string) => number | undefined, day: string): number {
    let value = 0;
    for (const [symbol, h] of this.holdings) value += h.qty * this.priceOrThrow(priceOf, symbol, day);
    return value;
  }

  /**
   * Marks the book to the day's closes and proves it: equity (cash + Σ qty × close) must have moved by exactly
   * realized + Δunrealized + dividends − costs since the last close; cash never below zero (no margin); no short.
   */
  closeDay(day: string, closeOf: (symbol: string) => number | undefined): { readonly equity: number; readonly cash: number; readonly invested: number } {
    let invested = 0;
    let unrealized = 0;
    for (const [symbol, h] of this.holdings) {
      if (!(h.qty > 0)) throw new AccountingError(day, `${symbol} quantity ${h.qty} is not positive (no short positions)`);
      const close = this.priceOrThrow(closeOf, symbol, day);
      invested += h.qty * close;
      unrealized += h.qty * (close - h.basis);
    }
    const equity = this.cashValue + invested;
    const expected = this.lastEquity + this.realized + (unrealized - this.lastUnrealized) + this.dividends - this.costs;
    if (Math.abs(equity - expected) > TOLERANCE * Math.max(1, Math.abs(equity))) {
      throw new AccountingError(
        day,
        `equity ${equity.toFixed(6)} = cash + positions, but P&L says ${expected.toFixed(6)} ` +
          `(previous ${this.lastEquity.toFixed(6)}, realized ${this.realized.toFixed(6)}, unrealized change ${(unrealized - this.lastUnrealized).toFixed(6)}, ` +
          `dividends ${this.dividends.toFixed(6)}, costs ${this.costs.toFixed(6)})`,
      );
    }
    if (this.cashValue < -TOLERANCE * Math.max(1, equity)) throw new AccountingError(day, `cash ${this.cashValue.toFixed(6)} is negative (no margin)`);
    this.lastEquity = equity;
    this.lastUnrealized = unrealized;
    this.realized = 0;
    this.costs = 0;
    this.dividends = 0;
    return { equity, cash: this.cashValue, invested };
  }

  private priceOrThrow(priceOf: (symbol: string) => number | undefined, symbol: string, day: string): number {
    const price = priceOf(symbol);
    if (price === undefined || !(price > 0)) throw new AccountingError(day, `${symbol} is held but has no price`);
    return price;
  }
}
