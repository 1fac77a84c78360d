/** Axis helpers shared by every chart: where a log axis puts round labels and where the year labels go. */

/** Mantissas of round levels, coarsest first; a narrow range (an equity curve that merely doubled) needs a finer one. */
const LADDERS = [
  [1, 2, 5],
  [1, 1.5, 2, 3, 5, 7],
  [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9],
] as const;

/** Round levels inside [min, max] from the coarsest ladder that gives at least 4; on a log axis they spread evenly. */
export function logTicks(min: number, max: number): number[] {
  let ticks: number[] = [];
  for (const ladder of LADDERS) {
    ticks = [];
    for (let exp = Math.floor(Math.log10(min)); exp <= Math.ceil(Math.log10(max)); exp++) {
      for (const m of ladder) {
        const value = Number((m * 10 ** exp).toPrecision(12));
        if (value >= min && value <= max) ticks.push(value);
      }
    }
    if (ticks.length >= 4) break;
  }
  return ticks;
}

/**
 * Indices of the first trading day of each year (the first day itself excluded), thinned to every 1st, 2nd, 5th
 * or 10th year so at most about 12 labels show.
 */
export function yearStarts(dates: readonly string[]): Set<number> {
  const firsts: number[] = [];
  dates.forEach((date, i) => {
    if (i > 0 && date.slice(0, 4) !== dates[i - 1]?.slice(0, 4)) firsts.push(i);
  });
  const step = [1, 2, 5, 10].find((s) => firsts.length / s <= 12) ?? 20;
  return new Set(firsts.filter((i) => Number(dates[i]?.slice(0, 4)) % step === 0));
}

/** Consecutive equal values as inclusive index ranges. */
export function runsOf<T>(values: readonly T[]): { readonly value: T; readonly start: number; readonly end: number }[] {
  const runs: { value: T; start: number; end: number }[] = [];
  values.forEach((value, i) => {
    const last = runs[runs.length - 1];
    if (last && last.value === value) last.end = i;
    else runs.push({ value, start: i, end: i });
  });
  return runs;
}
