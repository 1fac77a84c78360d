/**
 * Walk-forward: on each window, the parameter set with the best Sharpe on the train span runs on the test span that
 * follows; the test spans, chained, are one out-of-sample equity curve. Pure parts here; runs in run-sweep.ts.
 */
import { addDays } from '../../time/calendar-date.js';
import { err, ok, type Result } from '../../domain/index.js';
import type { ParamSet } from './sweep-spec.js';

export interface WalkForwardSpec {
  readonly trainMonths: number;
  readonly testMonths: number;
}

export interface Window {
  readonly train: { readonly from: string; readonly to: string };
  readonly test: { readonly from: string; readonly to: string };
}

function months(text: string, name: string): number | string {
  const m = /^(\d+)(y|m)$/.exec(text.trim());
  if (m === null || Number(m[1]) <= 0) return `--walk-forward: ${name}=${text} is not a span such as 3y or 18m`;
  return Number(m[1]) * (m[2] === 'y' ? 12 : 1);
}

/** "train=3y,test=1y" (y: years, m: months). */
export function parseWalkForward(spec: string): Result<WalkForwardSpec> {
  const parts = new Map(spec.split(',').map((p) => p.split('=').map((x) => x.trim()) as [string, string]));
  const train = months(parts.get('train') ?? '', 'train');
  const test = months(parts.get('test') ?? '', 'test');
  const problems = [train, test].filter((x): x is string => typeof x === 'string');
  if (parts.size !== 2 || !parts.has('train') || !parts.has('test')) problems.unshift(`--walk-forward: expected train=SPAN,test=SPAN, got "${spec}"`);
  if (problems.length > 0) return err(problems);
  return ok({ trainMonths: train as number, testMonths: test as number });
}

function addMonths(date: string, n: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + n;
  const y = year + Math.floor(month / 12);
  const m = (month % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), new Date(Date.UTC(y, m, 0)).getUTCDate());
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Windows from `from`: train, then test; stepping by the test span; the last test span ends at `to`, and is dropped
 * when shorter than half a test span (a few days' annualised figures would only be noise).
 */
export function windowsOf(from: string, to: string, spec: WalkForwardSpec): Window[] {
  const windows: Window[] = [];
  for (let start = from; ; start = addMonths(start, spec.testMonths)) {
    const testFrom = addMonths(start, spec.trainMonths);
    if (addMonths(testFrom, Math.ceil(spec.testMonths / 2)) > addDays(to, 1)) break;
    const testTo = addDays(addMonths(testFrom, spec.testMonths), -1);
    windows.push({ train: { from: start, to: addDays(testFrom, -1) }, test: { from: testFrom, to: testTo < to ? testTo : to } });
  }
  return windows;
}

/** The best by Sharpe (a run without one ranks last; a tie keeps the grid's order). */
export function bestBySharpe<T extends { readonly sharpe: number | null }>(runs: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const run of runs) if (best === undefined || (run.sharpe ?? -Infinity) > (best.sharpe ?? -Infinity)) best = run;
  return best;
}

/** Test spans chained into one curve: each starts where the previous one ended, by its own returns. */
export function stitch(spans: readonly { readonly dates: readonly string[]; readonly values: readonly number[] }[], capital: number): { dates: string[]; values: number[] } {
  const dates: string[] = [];
  const values: number[] = [];
  let level = capital;
  for (const span of spans) {
    const scale = level / capital;
    for (let i = 0; i < span.dates.length; i++) {
      dates.push(span.dates[i] as string);
      values.push((span.values[i] as number) * scale);
    }
    level = values[values.length - 1] ?? level;
  }
  return { dates, values };
}

export type { ParamSet };
