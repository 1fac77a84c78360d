/** Geometric random walks turned into daily OHLCV bars. Arithmetic only (see prng.ts), so output is byte-stable. */
import type { Bar } from '../../domain/index.js';
import { standardNormal, type Random } from '../../random/prng.js';

/** How one synthetic stock moves; returns are per trading day. */
export interface WalkProfile {
  /** The close on the last day: the whole path is scaled to land on it, so price levels stay plausible. */
  readonly lastClose: number;
  /** Sensitivity to the market-wide return. */
  readonly beta: number;
  /** Own drift per day, over the whole span. */
  readonly drift: number;
  /** Own (idiosyncratic) volatility per day. */
  readonly vol: number;
  /** Extra drift per day over the final `lateDays`: sets where the stock ends against its 52-week high. */
  readonly late: number;
  readonly lateDays: number;
  /** Typical shares traded per day. */
  readonly volume: number;
}

/** Market-wide daily returns: a trending drift schedule plus common noise. */
export function marketReturns(drifts: readonly number[], vol: number, random: Random): number[] {
  return drifts.map((drift) => drift + vol * standardNormal(random));
}

const toCents = (price: number): number => Math.max(0.01, Math.round(price * 100) / 100);

/**
 * Daily bars on the given dates. Closes compound beta·market + drift + noise; open gaps from the prior close; high and
 * low extend beyond open/close. OHLC stays consistent after rounding because rounding to cents is monotone.
 */
export function walkBars(
  dates: readonly string[],
  market: readonly number[],
  profile: WalkProfile,
  random: Random,
): Bar[] {
  const count = dates.length;
  const closes: number[] = [];
  const returns: number[] = [];
  let close = 1;
  for (let i = 0; i < count; i++) {
    const late = i >= count - profile.lateDays ? profile.late : 0;
    const r = profile.beta * (market[i] ?? 0) + profile.drift + late + profile.vol * standardNormal(random);
    // A floor on the daily loss keeps prices positive whatever the draw; day 0 is the unscaled base.
    const bounded = i === 0 ? 0 : Math.max(r, -0.3);
    close *= 1 + bounded;
    closes.push(close);
    returns.push(bounded);
  }
  const scale = profile.lastClose / (closes[count - 1] ?? 1);
  const intraday = 0.4 * profile.vol;
  // Intraday shape needs no bell curve: cheap uniform draws keep the whole demo well under 50 ms.
  const spread = (): number => 2 * random() - 1;
  return dates.map((date, i) => {
    const c = (closes[i] ?? 1) * scale;
    const previous = i === 0 ? c : (closes[i - 1] ?? 1) * scale;
    const open = previous * (1 + 0.5 * profile.vol * spread());
    const high = Math.max(open, c) * (1 + 2 * intraday * random());
    const low = Math.min(open, c) * (1 - 2 * intraday * random());
    const activity = (1 + 0.3 * spread()) * (1 + 10 * Math.abs(returns[i] ?? 0));
    return {
      date,
      open: toCents(open),
      high: toCents(high),
      low: toCents(low),
      close: toCents(c),
      volume: Math.max(1, Math.round(profile.volume * activity)),
    };
  });
}
