/**
 * The history a backtest replays: bars of the universe and the regime index, adjusted closes for dividends when
 * there are any, and the index closes and VIX the detector reads. From a folder of CSVs (--data-dir), or through the
 * same market-data path as a live run (the local exchange's demo or scenario, or Alpaca through the bar cache).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Bar, BarsBySymbol } from '../domain/index.js';
import { err, ok, type Result } from '../domain/index.js';
import { loadBarsDirectory } from '../exchange/bars-dir.js';
import { mergeCloses, parseCloseHistory, readCloseHistory, type DailyClose } from '../regime/inputs/index.js';
import type { AdjustedCloses } from './dividends.js';

export interface BacktestData {
  readonly bars: BarsBySymbol;
  /** Adjusted closes by symbol: dividends are credited from them. Empty: price return only. */
  readonly adjClose: ReadonlyMap<string, AdjustedCloses>;
  /** In words, for the report. */
  readonly source: string;
}

/**
 * Every `<SYMBOL>.csv` of a folder, and the adjusted closes (`date,adj_close`) of `adjDir`, by default the folder's
 * `adjclose/` when there is one. Adjusted closes of another source are never guessed at: their dividends would be
 * the two sources' differences.
 */
export async function loadDataDir(dir: string, symbols: readonly string[] | 'all', adjDirOption?: string): Promise<Result<BacktestData>> {
  const loaded = await loadBarsDirectory(dir);
  if (!loaded.ok) return err([...loaded.error]);
  if (adjDirOption !== undefined && !existsSync(adjDirOption)) return err([`adjusted closes folder ${adjDirOption} does not exist`]);
  const adjDir = adjDirOption ?? (existsSync(join(dir, 'adjclose')) ? join(dir, 'adjclose') : undefined);
  const wanted = symbols === 'all' ? [...loaded.value.keys()] : symbols;
  const bars = new Map<string, readonly Bar[]>();
  for (const symbol of wanted) {
    const found = loaded.value.get(symbol);
    if (found !== undefined) bars.set(symbol, found);
  }
  const adjClose = new Map<string, AdjustedCloses>();
  if (adjDir !== undefined) {
    for (const symbol of bars.keys()) {
      const file = join(adjDir, `${symbol}.csv`);
      if (!existsSync(file)) continue;
      const parsed = parseCloseHistory(readFileSync(file, 'utf8'), file);
      if (!parsed.ok) return parsed;
      adjClose.set(symbol, new Map(parsed.value.map((c) => [c.date, c.close])));
    }
  }
  const source = `CSV folder ${dir}` + (adjClose.size > 0 ? ` with adjusted closes from ${adjDir} (${adjClose.size} symbols)` : '');
  return ok({ bars, adjClose, source });
}

/**
 * The index closes the detector reads: the data's own (adjusted closes when there are, as the live default
 * `regime.adjustment: "all"` reads dividend-adjusted bars) over `regime.historyFile`'s older ones.
 */
export function regimeCloses(data: BacktestData, config: Config, cwd: string): Result<DailyClose[]> {
  const symbol = config.regime.symbol;
  const adjusted = config.regime.adjustment === 'all' ? data.adjClose.get(symbol) : undefined;
  const own: DailyClose[] =
    adjusted !== undefined ? [...adjusted].map(([date, close]) => ({ date, close })) : (data.bars.get(symbol) ?? []).map((b) => ({ date: b.date, close: b.close }));
  if (config.regime.historyFile === undefined) return ok(own);
  const history = readCloseHistory(resolve(cwd, config.regime.historyFile));
  if (!history.ok) return err(history.error.map((e) => `regime: ${e}`));
  return ok(mergeCloses(history.value, own));
}
