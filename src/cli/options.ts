import { InvalidArgumentError } from 'commander';
import { parseRegimeName, REGIMES, type Regime, type SizingMode } from '../domain/index.js';

export function parseTopN(text: string): number {
  if (!/^\d+$/.test(text.trim())) {
    throw new InvalidArgumentError(`expected a whole number from 1 to 100, got "${text}"`);
  }
  const n = Number(text.trim());
  if (n < 1 || n > 100) throw new InvalidArgumentError(`expected a whole number from 1 to 100, got ${n}`);
  return n;
}

export function parseRegime(text: string): Regime {
  const regime = parseRegimeName(text);
  if (regime === undefined) {
    throw new InvalidArgumentError(`unknown regime "${text}"; expected one of ${REGIMES.join(', ')} (or BULL, NEUTRAL, BEAR)`);
  }
  return regime;
}

const SIZING_MODES: readonly SizingMode[] = ['floor', 'fill', 'fractional'];

export function parseSizing(text: string): SizingMode {
  const mode = text.trim().toLowerCase() as SizingMode;
  if (!SIZING_MODES.includes(mode)) {
    throw new InvalidArgumentError(`unknown sizing mode "${text}"; expected ${SIZING_MODES.join(', ')}`);
  }
  return mode;
}

export function parsePort(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > 65535) {
    throw new InvalidArgumentError(`expected a port number from 0 to 65535, got "${text}"`);
  }
  return Number(text);
}
