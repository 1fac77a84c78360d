import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as z from 'zod';
import { err, ok, type Result } from '../domain/index.js';
import { configSchema, type Config } from './schema.js';

export interface ConfigSources {
  /** The packaged defaults file (config/default.json). */
  readonly defaultFile: string;
  /** The user's overrides: --config, else config/local.json when it exists. */
  readonly overrideFile?: string;
}

/** Loads and merges the config layers; every problem is reported with its file and key path. */
export function loadConfig(sources: ConfigSources): Result<Config> {
  const layers: Record<string, unknown>[] = [];
  const problems: string[] = [];
  for (const file of [sources.defaultFile, sources.overrideFile]) {
    if (file === undefined) continue;
    const layer = readLayer(file);
    if (layer.ok) layers.push(layer.value);
    else problems.push(...layer.error);
  }
  if (problems.length > 0) return err(problems);
  const merged = layers.reduce<Record<string, unknown>>((acc, layer) => deepMerge(acc, layer), {});
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) return err(formatIssues('merged config', parsed.error.issues));
  return ok(parsed.data);
}

/** Which file overrides the defaults: an explicit --config, else config/local.json if present. */
export function overrideFileFor(configDir: string, explicit: string | undefined, cwd: string): string | undefined {
  if (explicit !== undefined) return resolve(cwd, explicit);
  const local = resolve(configDir, 'local.json');
  return existsSync(local) ? local : undefined;
}

function readLayer(file: string): Result<Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return err([`config file ${file}: cannot be read (missing or not a file)`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err([`config file ${file}: malformed JSON (${(e as Error).message})`]);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return err([`config file ${file}: expected a JSON object at the top level`]);
  }
  const checked = configSchema.safeParse(json);
  if (!checked.success) return err(formatIssues(`config file ${file}`, checked.error.issues));
  return ok(json as Record<string, unknown>);
}

export function formatIssues(where: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')) : [];
    if (keys.length > 0) return `${where}: unknown key ${keys.join(', ')}`;
    return `${where}: ${path}: ${issue.message}`;
  });
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isPlainObject(prior) && isPlainObject(value) ? deepMerge(prior, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
