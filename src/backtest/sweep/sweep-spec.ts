/**
 * A sweep's grid: `exposure.policy=schedule,regime;schedule=monthly,quarterly;topN=5,10,20` is every combination of
 * the listed values (2 × 2 × 3 = 12 parameter sets), keys being config paths. Pure.
 */
import { err, ok, type Result } from '../../domain/index.js';

export type ParamValue = string | number | boolean | null;
export type ParamSet = Readonly<Record<string, ParamValue>>;

const MAX_RUNS = 1000;

function valueOf(text: string): ParamValue {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return text;
}

export function parseSweep(spec: string): Result<readonly ParamSet[]> {
  const axes: { key: string; values: ParamValue[] }[] = [];
  const problems: string[] = [];
  for (const part of spec.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    const values = eq < 0 ? [] : part.slice(eq + 1).split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(key) || values.length === 0) {
      problems.push(`--sweep: "${part}" is not key=value[,value...] (e.g. topN=5,10,20)`);
    } else if (axes.some((a) => a.key === key)) {
      problems.push(`--sweep: ${key} is given twice`);
    } else {
      axes.push({ key, values: [...new Set(values)].map(valueOf) });
    }
  }
  if (problems.length > 0) return err(problems);
  if (axes.length === 0) return err(['--sweep: no parameters (e.g. "schedule=monthly,quarterly;topN=5,10")']);
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_RUNS) return err([`--sweep: ${count} combinations; at most ${MAX_RUNS}`]);
  let sets: Record<string, ParamValue>[] = [{}];
  for (const axis of axes) sets = sets.flatMap((set) => axis.values.map((value) => ({ ...set, [axis.key]: value })));
  return ok(sets);
}

/** "exposure.policy=regime schedule=monthly topN=10": a parameter set in words, keys in the sweep's order. */
export function describeParams(params: ParamSet): string {
  return Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
}
