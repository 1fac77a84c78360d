import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bar, Result } from '../domain/index.js';
import { err, ok } from '../domain/index.js';
import { parseDailyBarsCsv } from './csv-bars.js';

// Enough parallel reads to hide disk latency without approaching the open-file limit.
const READ_CONCURRENCY = 32;

/**
 * Loads every `<SYMBOL>.csv` in a folder, symbolic links followed; the symbol is the upper-cased file name
 * (BRK.B.csv -> BRK.B). A link that leads nowhere is a problem, not a file to skip.
 */
export async function loadBarsDirectory(dir: string): Promise<Result<ReadonlyMap<string, readonly Bar[]>, readonly string[]>> {
  let names: string[];
  const problems: string[] = [];
  try {
    const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => /\.csv$/i.test(e.name));
    // A symbolic link counts as the file it points to (a data folder of links into a shared store).
    const isCsvFile = await mapLimited(entries, READ_CONCURRENCY, async (e) => {
      if (e.isFile()) return true;
      if (!e.isSymbolicLink()) return false;
      try {
        return (await stat(join(dir, e.name))).isFile();
      } catch (error) {
        problems.push(`${join(dir, e.name)}: a symbolic link that cannot be followed (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        return false;
      }
    });
    names = entries
      .filter((_, i) => isCsvFile[i] === true)
      .map((e) => e.name)
      .sort();
  } catch (e) {
    return err([`data directory ${dir} cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
  if (problems.length > 0) return err(problems.sort());
  if (names.length === 0) return err([`data directory ${dir} holds no .csv files`]);

  const bySymbol = new Map<string, { readonly file: string; readonly bars: readonly Bar[] }>();
  const parsed = await mapLimited(names, READ_CONCURRENCY, async (name) => {
    const path = join(dir, name);
    return { name, path, result: parseDailyBarsCsv(await readFile(path, 'utf8'), path) };
  });
  for (const { name, path, result } of parsed) {
    const symbol = name.slice(0, -'.csv'.length).toUpperCase();
    if (!result.ok) problems.push(...result.error);
    else if (bySymbol.has(symbol)) problems.push(`${path}: symbol ${symbol} also comes from ${bySymbol.get(symbol)?.file}`);
    else bySymbol.set(symbol, { file: name, bars: result.value });
  }
  if (problems.length > 0) return err(problems);
  return ok(new Map([...bySymbol].map(([symbol, v]) => [symbol, v.bars])));
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
