import { describe, expect, it } from 'vitest';
import { parseRegime, parseSizing, parseTopN } from '../../src/cli/options.js';

describe('command-line option parsers', () => {
  it.each(['1', '10', '100', ' 7 '])('accepts --top-n %s', (text) => {
    expect(parseTopN(text)).toBe(Number(text));
  });

  it.each(['0', '-1', 'abc', '1.5', '101', '', '1e2'])('rejects --top-n %j', (text) => {
    expect(() => parseTopN(text)).toThrow(/whole number from 1 to 100/);
  });

  it.each([
    ['TREND_BULL', 'TREND_BULL'],
    ['trend_neutral', 'TREND_NEUTRAL'],
    ['bear', 'TREND_BEAR'],
    ['Crash', 'CRASH'],
  ])('reads --regime %s as %s', (text, regime) => {
    expect(parseRegime(text)).toBe(regime);
  });

  it('rejects an unknown regime and names the valid ones', () => {
    expect(() => parseRegime('SIDEWAYS')).toThrow(/unknown regime "SIDEWAYS".*TREND_BULL, TREND_NEUTRAL, TREND_BEAR, CRASH/);
  });

  it('reads sizing modes and rejects others', () => {
    expect(parseSizing('Fractional')).toBe('fractional');
    expect(() => parseSizing('all-in')).toThrow(/floor, fill, fractional/);
  });
});
