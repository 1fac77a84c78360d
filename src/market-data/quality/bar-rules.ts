import type { Bar } from '../../domain/index.js';

/** Each rule looks at one symbol's bars (ascending by date) and says what is wrong, or undefined. */

const PRICES = ['open', 'high', 'low', 'close'] as const;

/** A price for a message: enough digits to find the row, without float noise such as 338.3399963378906. */
export function price(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(8))) : String(value);
}

const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

/** "on 2024-03-04" or "on 3 days, first 2024-03-04": one example is enough to find the rows. */
function where(days: readonly string[]): string {
  return days.length === 1 ? `on ${days[0]}` : `on ${days.length} days, first ${days[0]}`;
}

/** Finite and above zero (NaN fails both comparisons). Written out: it runs four times for every bar of a run. */
const isPrice = (value: number): boolean => value > 0 && value < Infinity;

export function hasValidPrices(bar: Bar): boolean {
  return isPrice(bar.open) && isPrice(bar.high) && isPrice(bar.low) && isPrice(bar.close);
}

/** Repeated or descending days would make every look-back count wrong. */
export function outOfOrder(bars: readonly Bar[]): string | undefined {
  for (let i = 1; i < bars.length; i++) {
    const previous = bars[i - 1] as Bar;
    const bar = bars[i] as Bar;
    if (bar.date <= previous.date) return `bars out of order: ${bar.date} follows ${previous.date}`;
  }
  return undefined;
}

export function invalidPrices(bars: readonly Bar[]): string | undefined {
  if (bars.every(hasValidPrices)) return undefined;
  const bad = bars.filter((bar) => !hasValidPrices(bar));
  const first = bad[0] as Bar;
  const values = PRICES.filter((field) => !isPrice(first[field]))
    .map((field) => `${field} ${first[field]}`)
    .join(', ');
  return `non-positive or non-finite price ${where(bad.map((b) => b.date))} (${values})`;
}

/** `value` below `floor` by more than the relative tolerance. */
const below = (value: number, floor: number, tolerance: number): boolean => floor - value > tolerance * Math.abs(floor);

/** Which price of a bar with valid prices contradicts the others, by more than the tolerance, or undefined. */
export function ohlcFault(bar: Bar, tolerance: number): 'high' | 'close' | 'open' | undefined {
  if (below(bar.high, bar.low, tolerance)) return 'high';
  if (below(bar.close, bar.low, tolerance) || below(bar.high, bar.close, tolerance)) return 'close';
  if (below(bar.open, bar.low, tolerance) || below(bar.high, bar.open, tolerance)) return 'open';
  return undefined;
}

/**
 * A row whose high is below its low, or whose open or close lies outside low..high, cannot all be true; the high
 * feeds the 52-week-high momentum, so a bad open is reason enough to distrust it.
 */
export function inconsistentOhlc(bars: readonly Bar[], tolerance: number): string | undefined {
  const problems: { date: string; text: string }[] = [];
  // Formatted only for a bad bar: formatting every bar's range costs more than the check itself.
  const range = (bar: Bar): string => `low–high ${price(bar.low)}–${price(bar.high)}`;
  for (const bar of bars) {
    if (!hasValidPrices(bar)) continue;
    const fault = ohlcFault(bar, tolerance);
    if (fault === 'high') problems.push({ date: bar.date, text: `high ${price(bar.high)} below low ${price(bar.low)}` });
    else if (fault !== undefined) problems.push({ date: bar.date, text: `${fault} ${price(bar[fault])} outside ${range(bar)}` });
  }
  const first = problems[0];
  if (first === undefined) return undefined;
  return `inconsistent OHLC ${where(problems.map((p) => p.date))}: ${first.text}`;
}

export function stale(bars: readonly Bar[], previousTradingDay: string): string | undefined {
  const latest = bars.at(-1);
  if (latest === undefined || latest.date >= previousTradingDay) return undefined;
  return `stale: the latest bar is from ${latest.date}, before the previous trading day ${previousTradingDay}`;
}

/** What the look-back's sessions without a bar say: a history that starts late, holes inside it, or both. */
export interface MissingDays {
  /** The first bar comes after the look-back starts (a recent listing): too little history, not bad data. */
  readonly tooLittleHistory?: string;
  /** Sessions without a bar between the first bar and the end of the look-back. */
  readonly missing?: string;
}

/** The look-back's sessions: the last `lookbackDays` of `tradingDays`, the same for every symbol of a check. */
export function lookbackSessions(tradingDays: readonly string[], lookbackDays: number): readonly string[] {
  return tradingDays.slice(-Math.max(lookbackDays, 0));
}

/**
 * Counts the look-back's `sessions` (see lookbackSessions) that have no bar; when they are more than `maxMissingPct`
 * of them, says which are before the first bar (too little history) and which are holes after it (missing data).
 * The allowance is judged on both together, as one count, so that splitting them never lets through a symbol the
 * count would stop. `ascending` is whether outOfOrder finds nothing, when the caller already knows.
 */
export function missingDays(
  bars: readonly Bar[],
  sessions: readonly string[],
  maxMissingPct: number,
  ascending: boolean = outOfOrder(bars) === undefined,
): MissingDays {
  if (sessions.length === 0) return {};
  const missing = daysWithoutBar(sessions, bars, ascending);
  if (missing.length / sessions.length <= maxMissingPct) return {};
  const firstBar = ascending ? bars[0]?.date : undefined;
  const before = firstBar === undefined ? 0 : missing.filter((day) => day < firstBar).length;
  const holes = missing.slice(before);
  const span = sessions.slice(before);
  const result: { tooLittleHistory?: string; missing?: string } = {};
  if (before > 0) {
    result.tooLittleHistory =
      `too little history: the first bar is on ${firstBar}, ${span.length} of the ${sessions.length} trading days ` +
      `from ${sessions[0]} to ${sessions.at(-1)}`;
  }
  // After a late start, holes count against the days since the first bar; a handful there is still allowed.
  if (holes.length > 0 && (before === 0 || holes.length / span.length > maxMissingPct)) {
    const examples = holes.slice(0, 3).join(', ') + (holes.length > 3 ? ', …' : '');
    const share = holes.length / span.length;
    result.missing =
      `missing ${holes.length} of ${span.length} trading days from ${span[0]} to ${span.at(-1)} ` +
      `(${percent(share)}, more than ${percent(maxMissingPct)}): ${examples}`;
  }
  return result;
}

/** The sessions (ascending) no bar is dated on: one merge walk when the bars ascend too, as they do when clean. */
function daysWithoutBar(sessions: readonly string[], bars: readonly Bar[], ascending: boolean): string[] {
  if (!ascending) {
    const have = new Set(bars.map((bar) => bar.date));
    return sessions.filter((day) => !have.has(day));
  }
  const missing: string[] = [];
  let b = 0;
  for (const day of sessions) {
    // The usual case first: the next bar is this session's, one comparison.
    if (b < bars.length && (bars[b] as Bar).date === day) {
      b++;
      continue;
    }
    while (b < bars.length && (bars[b] as Bar).date < day) b++;
    if (b < bars.length && (bars[b] as Bar).date === day) b++;
    else missing.push(day);
  }
  return missing;
}

/** A one-day close-to-close move outside maxDrop..maxRise (NaN included): no listed stock makes one without news. */
export function isExtremeMove(before: Bar, after: Bar, maxDrop: number, maxRise: number): boolean {
  const move = after.close / before.close - 1;
  return !(move >= maxDrop && move <= maxRise);
}

/** An unadjusted split or a bad print: the first extreme move between consecutive bars with valid prices. */
export function extremeMove(bars: readonly Bar[], maxDrop: number, maxRise: number): string | undefined {
  const valid = bars.every(hasValidPrices) ? bars : bars.filter(hasValidPrices);
  for (let i = 1; i < valid.length; i++) {
    const before = valid[i - 1] as Bar;
    const after = valid[i] as Bar;
    if (!isExtremeMove(before, after, maxDrop, maxRise)) continue;
    const move = after.close / before.close - 1;
    const verb = move < 0 ? 'fell' : 'rose';
    const limit = move < 0 ? `limit ${percent(maxDrop)}` : `limit +${percent(maxRise)}`;
    return (
      `close ${verb} ${percent(Math.abs(move))} from ${price(before.close)} on ${before.date} to ` +
      `${price(after.close)} on ${after.date} (${limit}): an unadjusted split or a bad print`
    );
  }
  return undefined;
}

/** What one pass over a symbol's bars suspects; a rule runs (and words its message) only where one is suspected. */
export interface Suspicions {
  readonly outOfOrder: boolean;
  readonly invalidPrices: boolean;
  readonly inconsistentOhlc: boolean;
  readonly extremeMove: boolean;
}

/**
 * outOfOrder, invalidPrices, inconsistentOhlc and extremeMove fused into one pass with the same predicates and no
 * messages: most symbols are clean, and for them this pass is all the gate does.
 */
export function suspicions(bars: readonly Bar[], tolerance: number, maxDrop: number, maxRise: number): Suspicions {
  let outOfOrder = false;
  let invalid = false;
  let inconsistent = false;
  let extreme = false;
  let previousValid: Bar | undefined;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i] as Bar;
    if (i > 0 && bar.date <= (bars[i - 1] as Bar).date) outOfOrder = true;
    if (!hasValidPrices(bar)) {
      invalid = true;
      continue;
    }
    if (ohlcFault(bar, tolerance) !== undefined) inconsistent = true;
    if (previousValid !== undefined && isExtremeMove(previousValid, bar, maxDrop, maxRise)) extreme = true;
    previousValid = bar;
  }
  return { outOfOrder, invalidPrices: invalid, inconsistentOhlc: inconsistent, extremeMove: extreme };
}
