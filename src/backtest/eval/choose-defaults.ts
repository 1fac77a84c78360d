/**
 * How npm run eval:strategy picks the shipped defaults without fooling itself: each data set's first half picks its
 * best parameter set (by Sharpe); a pick replaces the current default only when, on the second half of every data
 * set (data the pick never saw), its Sharpe is at least the default's and better on one. Pure.
 */
import type { BacktestMetrics } from '../types.js';
import { describeParams, type ParamSet } from '../sweep/sweep-spec.js';

export interface HalfRuns {
  readonly name: string;
  readonly firstHalf: readonly { readonly params: ParamSet; readonly metrics: BacktestMetrics }[];
  readonly secondHalf: readonly { readonly params: ParamSet; readonly metrics: BacktestMetrics }[];
}

export interface Choice {
  readonly chosen: ParamSet;
  readonly changed: boolean;
  readonly reason: string;
  readonly picks: readonly { readonly name: string; readonly pick: ParamSet; readonly firstSharpe: number | null }[];
}

const same = (a: ParamSet, b: ParamSet): boolean => describeParams(a) === describeParams(b);
const sharpeOf = (runs: HalfRuns['secondHalf'], params: ParamSet): number | null => runs.find((r) => same(r.params, params))?.metrics.sharpe ?? null;
const f = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(2));

export function chooseDefaults(current: ParamSet, datasets: readonly HalfRuns[]): Choice {
  const picks = datasets.map((d) => {
    let best = d.firstHalf[0];
    for (const run of d.firstHalf) if ((run.metrics.sharpe ?? -Infinity) > (best?.metrics.sharpe ?? -Infinity)) best = run;
    return { name: d.name, pick: best?.params ?? current, firstSharpe: best?.metrics.sharpe ?? null };
  });
  const holdsUp = (candidate: ParamSet): boolean => {
    let better = false;
    for (const d of datasets) {
      const mine = sharpeOf(d.secondHalf, candidate);
      const theirs = sharpeOf(d.secondHalf, current);
      if (mine === null || theirs === null || mine < theirs) return false;
      if (mine > theirs) better = true;
    }
    return better;
  };
  const candidates = picks.map((p) => p.pick).filter((p, i, all) => !same(p, current) && all.findIndex((q) => same(q, p)) === i);
  const qualified = candidates.filter(holdsUp);
  if (qualified.length === 0) {
    const why = candidates.length === 0
      ? 'the first halves picked the current default'
      : candidates
          .map((c) => `${describeParams(c)}: second-half Sharpe ${datasets.map((d) => `${d.name} ${f(sharpeOf(d.secondHalf, c))} vs default ${f(sharpeOf(d.secondHalf, current))}`).join(', ')}`)
          .join('; ');
    return { chosen: current, changed: false, reason: `kept ${describeParams(current)}: no first-half pick did at least as well out of sample on every data set (${why})`, picks };
  }
  // Among picks that held up, the one with the best first-half Sharpe on average: the second half only vetoes.
  const meanFirst = (c: ParamSet): number => {
    const values = datasets.map((d) => d.firstHalf.find((r) => same(r.params, c))?.metrics.sharpe ?? -Infinity);
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  const chosen = [...qualified].sort((a, b) => meanFirst(b) - meanFirst(a))[0] as ParamSet;
  return {
    chosen,
    changed: true,
    reason: `${describeParams(chosen)} replaces ${describeParams(current)}: picked on a first half and at least as good out of sample on every data set (${datasets
      .map((d) => `${d.name} second-half Sharpe ${f(sharpeOf(d.secondHalf, chosen))} vs ${f(sharpeOf(d.secondHalf, current))}`)
      .join(', ')})`,
    picks,
  };
}
