import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';
import type { RegimeConfig } from '../detector.js';
import { DEFAULT_REGIME_CONFIG, detectRegimes } from '../detector.js';
import { readCloseHistory } from '../inputs/close-history.js';
import { parseVixCsv } from '../inputs/vix-csv.js';
import type { Evaluation } from './evaluate.js';
import { evaluateRegimes } from './evaluate.js';
import type { Goal } from './goals.js';
import { checkGoals } from './goals.js';
import { regimeChartSvg } from './regime-chart.js';
import type { ReportSources } from './report-markdown.js';
import { evaluationMarkdown, replaceGenerated } from './report-markdown.js';

export interface RegimeEvalFiles {
  readonly spyFile: string;
  readonly vixFile: string;
  /** docs/regime.md: its text above the marker is kept, the rest rewritten. */
  readonly docFile: string;
  readonly chartFile: string;
  readonly sources: Omit<ReportSources, 'detector'>;
}

export interface RegimeEvalRun {
  readonly evaluation: Evaluation;
  readonly goals: readonly Goal[];
  readonly markdown: string;
}

const DEFAULT_INTRO = '# Regime detector: evaluation\n';

/** Reads SPY and VIX, runs the detector, evaluates it and rewrites the report and its chart. */
export function runRegimeEval(files: RegimeEvalFiles): Result<RegimeEvalRun> {
  const spy = readCloseHistory(files.spyFile);
  if (!spy.ok) return spy;
  let vixText: string;
  try {
    vixText = readFileSync(files.vixFile, 'utf8');
  } catch (e) {
    return err([`${files.vixFile}: cannot read the VIX file: ${(e as Error).message}`]);
  }
  const vix = parseVixCsv(vixText, files.vixFile);
  if (!vix.ok) return vix;

  const days = detectRegimes(spy.value, vix.value, DEFAULT_REGIME_CONFIG);
  const evaluation = evaluateRegimes(spy.value, days, DEFAULT_REGIME_CONFIG.trainingDays);
  const goals = checkGoals(evaluation);
  const markdown = evaluationMarkdown(evaluation, goals, { ...files.sources, detector: describeSettings(DEFAULT_REGIME_CONFIG) });

  const existing = existsSync(files.docFile) ? readFileSync(files.docFile, 'utf8') : undefined;
  writeFileSync(files.docFile, replaceGenerated(existing, markdown, DEFAULT_INTRO));
  const title = `SPY adjusted close (log scale) by regime, ${evaluation.onlineStart} .. ${evaluation.lastDate}`;
  writeFileSync(files.chartFile, regimeChartSvg(evaluation.chart, { title }));
  return ok({ evaluation, goals, markdown });
}

function describeSettings(c: RegimeConfig): string {
  const p = (x: number): string => `${Math.round(x * 1000) / 10}%`;
  return (
    `λ = ${c.lambda}, ${c.trainingDays}-row training window refitted each January and July, ${c.nInit} k-means++ starts; ` +
    `CRASH when VIX ≥ ${c.vixCrash}, or VIX ≥ ${c.vixSpikeFloor} after +${p(c.vixSpike1d)} in 1 day or ` +
    `+${p(c.vixSpike3d)} in 3 days, or DDann ≥ ${c.ddCrash}, or a 5-day return ≤ ${p(c.r5Crash)} in a drawdown ≤ ` +
    `${p(c.drawdownCrash)}; CRASH ends after ${c.calmDays} calm days (VIX < ${c.vixCalm}, DDann < ${c.ddCalm}).`
  );
}
