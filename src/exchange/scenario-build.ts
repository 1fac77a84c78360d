import type * as z from 'zod';
import type { Bar, BarsBySymbol, Result } from '../domain/index.js';
import { err, ok } from '../domain/index.js';
import { newYorkDateOf as newYorkDate } from '../time/new-york.js';
import type { MarketScenario, ScenarioFile, ScenarioPosition } from './scenario.js';
import { scenarioFileSchema } from './scenario.js';

/** Validates a scenario document; every problem is listed with its key path ("account.cash: ..."). */
export function parseScenarioFile(input: unknown): Result<ScenarioFile, readonly string[]> {
  const parsed = scenarioFileSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(parsed.error.issues.map(formatIssue));
}

function formatIssue(issue: z.core.$ZodIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(scenario)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Resolves a validated scenario against its bars (already loaded, keyed by upper-case symbol).
 * Usable for in-memory scenarios: nothing here reads files.
 */
export function buildScenario(file: ScenarioFile, bars: BarsBySymbol, name: string): Result<MarketScenario, readonly string[]> {
  const clock = new Date(file.clock);
  const clockDate = newYorkDate(clock);
  const problems: string[] = [];
  const positions: ScenarioPosition[] = [];
  const seen = new Set<string>();
  file.positions.forEach((p, i) => {
    const symbol = p.symbol.trim().toUpperCase();
    const history = bars.get(symbol);
    if (seen.has(symbol)) problems.push(`positions[${i}].symbol: duplicate position in ${symbol}`);
    else if (!history || history.length === 0) problems.push(`positions[${i}].symbol: no bar data for ${symbol}`);
    else if (!hasBarOnOrBefore(history, clockDate))
      problems.push(`positions[${i}].symbol: ${symbol} has no bar on or before the clock's date ${clockDate}`);
    seen.add(symbol);
    positions.push({ symbol, qty: p.qty, avgEntryPrice: p.avgEntryPrice });
  });
  file.otherPositions.forEach((p, i) => {
    if (seen.has(p.symbol.toUpperCase())) problems.push(`otherPositions[${i}].symbol: ${p.symbol} is already a position`);
  });
  if (problems.length > 0) return err(problems);
  const upper = (symbols: readonly string[]): readonly string[] => symbols.map((s) => s.trim().toUpperCase());
  const keys = file.keys
    ? {
        ...(file.keys.keyId !== undefined ? { keyId: file.keys.keyId } : {}),
        ...(file.keys.secretKey !== undefined ? { secretKey: file.keys.secretKey } : {}),
      }
    : undefined;
  return ok({
    name,
    clock,
    bars,
    account: { ...file.account },
    positions,
    otherPositions: file.otherPositions,
    otherOrders: file.otherOrders,
    assets: {
      notTradable: upper(file.assets.notTradable),
      notFractionable: upper(file.assets.notFractionable),
      inactive: upper(file.assets.inactive),
    },
    ...(keys ? { keys } : {}),
    faults: file.faults,
    marketData: { ...file.marketData },
    fills: {
      ...file.fills,
      partial: Object.fromEntries(Object.entries(file.fills.partial).map(([symbol, fraction]) => [symbol.trim().toUpperCase(), fraction])),
      reject: upper(file.fills.reject),
      neverFill: upper(file.fills.neverFill),
    },
    // Still relative to the scenario file: loadScenarioFile resolves it.
    ...(file.statePath !== undefined ? { statePath: file.statePath } : {}),
  });
}

function hasBarOnOrBefore(history: readonly Bar[], date: string): boolean {
  const first = history[0];
  return first !== undefined && first.date <= date;
}
