import { InvalidArgumentError } from 'commander';
import { parseRegimeName, REGIMES, type Regime, type SizingMode } from '../domain/index.js';
import type { ScheduleKind } from '../schedule/rebalance-schedule.js';

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

const SCHEDULES: readonly ScheduleKind[] = ['semiannual', 'quarterly', 'monthly', 'weekly', 'daily'];

export function parseSchedule(text: string): ScheduleKind {
  const kind = text.trim().toLowerCase() as ScheduleKind;
  if (!SCHEDULES.includes(kind)) throw new InvalidArgumentError(`unknown schedule "${text}"; expected ${SCHEDULES.join(', ')}`);
  return kind;
}

export function parseCapital(text: string): number {
  const value = Number(text.trim().replaceAll('_', ''));
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`expected a positive amount of dollars, got "${text}"`);
  return value;
}

export function parseThreads(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > 64) throw new InvalidArgumentError(`expected a number of threads from 0 to 64, got "${text}"`);
  return Number(text);
}
