import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Result } from '../domain/index.js';
import { err, ok } from '../domain/index.js';
import { loadBarsDirectory } from './bars-dir.js';
import type { MarketScenario } from './scenario.js';
import { buildScenario, parseScenarioFile } from './scenario-build.js';

export { parseDailyBarsCsv } from './csv-bars.js';
export { buildScenario, parseScenarioFile } from './scenario-build.js';
export { loadBarsDirectory } from './bars-dir.js';

/**
 * Reads a scenario JSON file and the bar CSVs of its `dataDir` (relative to the file).
 * Every problem comes back as a message naming the file, key path or CSV line.
 */
export async function loadScenarioFile(path: string): Promise<Result<MarketScenario, readonly string[]>> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err([code === 'ENOENT' ? `scenario file ${file} does not exist` : `scenario file ${file} cannot be read: ${code ?? String(e)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err([`scenario file ${file} is not valid JSON: ${(e as Error).message}`]);
  }
  const parsed = parseScenarioFile(json);
  if (!parsed.ok) return err(parsed.error.map((m) => `${file}: ${m}`));

  const dataDir = resolve(dirname(file), parsed.value.dataDir);
  const bars = await loadBarsDirectory(dataDir);
  if (!bars.ok) return bars;
  const built = buildScenario(parsed.value, bars.value, basename(file, extname(file)));
  if (!built.ok) return err(built.error.map((m) => `${file}: ${m}`));
  const { statePath } = built.value;
  return statePath === undefined ? built : ok({ ...built.value, statePath: resolve(dirname(file), statePath) });
}
