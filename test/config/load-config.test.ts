import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { packagePaths } from '../../src/app/paths.js';
import { useTempDir } from '../support/temp-dir.js';

const { defaultConfig } = packagePaths();

describe('loadConfig', () => {
  const tmp = useTempDir();

  it('gives the documented defaults from config/default.json alone', () => {
    const result = loadConfig({ defaultFile: defaultConfig });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      topN: 10,
      universe: 'technology',
      regimeAllocation: { TREND_BULL: 1, TREND_NEUTRAL: 0.7, TREND_BEAR: 0.3, CRASH: 0 },
      sizing: { mode: 'fill', cashBuffer: 0, marketBuyCollar: 0.04 },
      scanner: { lookbackDays: 252, minHistoryDays: 252, minMomentum: 0.9, highSource: 'close', minPrice: 5 },
      gates: { maxPositionPct: 0.15, positionSizeFails: false, maxTotalAllocation: 1 },
      ignoreSymbols: [],
    });
  });

  it('lets an override file set any subset of nested keys and keeps the rest', () => {
    const file = tmp.write('over.json', JSON.stringify({ topN: 5, scanner: { minPrice: 10 } }));
    const result = loadConfig({ defaultFile: defaultConfig, overrideFile: file });
    expect(result.ok && result.value.topN).toBe(5);
    expect(result.ok && result.value.scanner).toMatchObject({ minPrice: 10, lookbackDays: 252, minMomentum: 0.9 });
  });

  it('lists every problem with its file and key path', () => {
    const file = tmp.write(
      'bad.json',
      JSON.stringify({ topN: 'ten', sizing: { mode: 'all-in' }, gates: { maxPositionPct: 2 }, colour: 'red' }),
    );
    const result = loadConfig({ defaultFile: defaultConfig, overrideFile: file });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.error.join('\n');
    expect(text).toContain(file);
    expect(text).toMatch(/topN: .*number/i);
    expect(text).toMatch(/sizing\.mode/);
    expect(text).toMatch(/gates\.maxPositionPct/);
    expect(text).toMatch(/unknown key colour/);
    expect(result.error.length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['a missing file', null, /cannot be read/],
    ['malformed JSON', '{ "topN": 5,', /malformed JSON/],
    ['a top-level array', '[1,2]', /JSON object/],
    ['a fractional topN', '{"topN": 1.5}', /topN/],
    ['an out-of-range allocation', '{"regimeAllocation": {"TREND_BULL": 1.5}}', /regimeAllocation\.TREND_BULL/],
  ])('rejects %s', (_name, content, message) => {
    const file = content === null ? `${tmp.path()}/nope.json` : tmp.write('c.json', content);
    const result = loadConfig({ defaultFile: defaultConfig, overrideFile: file });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.join('\n')).toMatch(message);
  });
});
