import type { Bar, BarsBySymbol } from '../../domain/index.js';
import { extremeMove, inconsistentOhlc, invalidPrices, lookbackSessions, missingDays, outOfOrder, stale, suspicions } from './bar-rules.js';

export interface BarQualityOptions {
  /** The look-back's NYSE sessions, ascending: the days a bar is expected on. */
  readonly tradingDays: readonly string[];
  /** The session before the run's: a symbol whose newest bar is older is stale. */
  readonly previousTradingDay: string;
  /** How many of the last `tradingDays` the missing-days rule counts. */
  readonly lookbackDays: number;
  /** Largest share of those sessions allowed without a bar, e.g. 0.02. */
  readonly maxMissingPct: number;
  /** Largest one-day close-to-close fall (negative, e.g. -0.45) and rise (e.g. 0.80) taken as real. */
  readonly maxDrop: number;
  readonly maxRise: number;
  /** Relative slack for the OHLC consistency checks, e.g. 1e-6 (prices stored as float32 round). */
  readonly tolerance: number;
}

export const DEFAULT_QUALITY_LIMITS = {
  maxMissingPct: 0.02,
  maxDrop: -0.45,
  maxRise: 0.8,
  tolerance: 1e-6,
} as const satisfies Partial<BarQualityOptions>;

export interface ExcludedSymbol {
  readonly symbol: string;
  /** Every problem found, "; "-separated, each with its date(s) and numbers. */
  readonly reason: string;
  /** "too-little-history" when the only problem is a history that starts after the look-back does (a recent listing). */
  readonly kind: 'bad-data' | 'too-little-history';
}

export interface BarQualityReport {
  readonly clean: BarsBySymbol;
  readonly excluded: readonly ExcludedSymbol[];
}

/**
 * The data-quality gate: keeps the symbols whose bars can be trusted and names what is wrong with the others.
 * Pure. A symbol with an empty bar list is excluded; a symbol absent from `bars` is not mentioned.
 */
export function checkBarQuality(bars: BarsBySymbol, opts: BarQualityOptions): BarQualityReport {
  const clean = new Map<string, readonly Bar[]>();
  const excluded: ExcludedSymbol[] = [];
  const sessions = lookbackSessions(opts.tradingDays, opts.lookbackDays);
  for (const [symbol, series] of bars) {
    if (series.length === 0) {
      excluded.push({ symbol, reason: 'no bars', kind: 'bad-data' });
      continue;
    }
    const suspected = suspicions(series, opts.tolerance, opts.maxDrop, opts.maxRise);
    const gaps = missingDays(series, sessions, opts.maxMissingPct, !suspected.outOfOrder);
    const problems = [
      suspected.outOfOrder ? outOfOrder(series) : undefined,
      suspected.invalidPrices ? invalidPrices(series) : undefined,
      suspected.inconsistentOhlc ? inconsistentOhlc(series, opts.tolerance) : undefined,
      stale(series, opts.previousTradingDay),
      gaps.missing,
      suspected.extremeMove ? extremeMove(series, opts.maxDrop, opts.maxRise) : undefined,
    ].filter((problem): problem is string => problem !== undefined);
    if (gaps.tooLittleHistory !== undefined) {
      excluded.push({ symbol, reason: [gaps.tooLittleHistory, ...problems].join('; '), kind: problems.length === 0 ? 'too-little-history' : 'bad-data' });
    } else if (problems.length > 0) {
      excluded.push({ symbol, reason: problems.join('; '), kind: 'bad-data' });
    } else {
      clean.set(symbol, series);
    }
  }
  return { clean, excluded };
}
