import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import * as z from 'zod';
import { err, ok, type Result } from '../domain/index.js';

export interface Universe {
  readonly name: string;
  readonly symbols: readonly string[];
}

/** Alpaca's spelling of US equity symbols: BRK.B, not BRK-B or BRK/B. */
const SYMBOL = /^[A-Z][A-Z0-9]{0,5}(\.[A-Z]{1,2})?$/;

const universeFileSchema = z.union([
  z.array(z.string()),
  z.object({ name: z.string().optional(), description: z.string().optional(), symbols: z.array(z.string()) }),
]);

/**
 * Resolves --universe: a name under config/universes/, a path to a .json or .txt file, or "AAPL,MSFT,...".
 * An unknown name is an error that lists the known ones, never a silent fallback.
 */
export function resolveUniverse(spec: string, universesDir: string, cwd: string): Result<Universe> {
  const text = spec.trim();
  if (text === '') return err(['universe: empty; give a name, a .json/.txt file or a comma-separated list']);
  if (/\.(json|txt)$/i.test(text) || text.includes('/') || text.includes('\\')) {
    return readUniverseFile(resolve(cwd, text));
  }
  if (text.includes(',')) return checkSymbols('symbols from --universe', text.split(','));
  const known = knownUniverses(universesDir);
  if (known.includes(text)) return readUniverseFile(resolve(universesDir, `${text}.json`));
  return err([
    `unknown universe "${text}"; known universes: ${known.join(', ')} ` +
      '(or give a .json/.txt file path, or a comma-separated list such as "AAPL,MSFT")',
  ]);
}

export function knownUniverses(universesDir: string): string[] {
  try {
    return readdirSync(universesDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => basename(f, '.json'))
      .sort();
  } catch {
    return [];
  }
}

function readUniverseFile(file: string): Result<Universe> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return err([`universe file ${file}: cannot be read (missing or not a file)`]);
  }
  const name = basename(file, extname(file));
  if (extname(file).toLowerCase() === '.txt') {
    const tokens = text
      .split('\n')
      .map((line) => line.replace(/#.*/, ''))
      .flatMap((line) => line.split(/[\s,]+/))
      .filter((t) => t !== '');
    return withName(checkSymbols(`universe file ${file}`, tokens), name);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err([`universe file ${file}: malformed JSON (${(e as Error).message})`]);
  }
  const parsed = universeFileSchema.safeParse(json);
  if (!parsed.success) {
    return err([`universe file ${file}: expected an array of symbols or an object with a "symbols" array`]);
  }
  const symbols = Array.isArray(parsed.data) ? parsed.data : parsed.data.symbols;
  const declared = Array.isArray(parsed.data) ? undefined : parsed.data.name;
  return withName(checkSymbols(`universe file ${file}`, symbols), declared ?? name);
}

function withName(result: Result<Universe>, name: string): Result<Universe> {
  return result.ok ? ok({ name, symbols: result.value.symbols }) : result;
}

function checkSymbols(where: string, raw: readonly string[]): Result<Universe> {
  const symbols = raw.map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const invalid = symbols.filter((s) => !SYMBOL.test(s));
  if (invalid.length > 0) {
    return err([`${where}: invalid symbol(s) ${invalid.map((s) => JSON.stringify(s)).join(', ')} (expected e.g. AAPL or BRK.B)`]);
  }
  if (symbols.length === 0) return err([`${where}: no symbols`]);
  return ok({ name: 'custom', symbols: [...new Set(symbols)] });
}
