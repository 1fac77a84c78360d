import { describe, expect, it } from 'vitest';
import { resolveUniverse, knownUniverses } from '../../src/config/universe.js';
import { packagePaths } from '../../src/app/paths.js';
import { useTempDir } from '../support/temp-dir.js';

const { universesDir } = packagePaths();

describe('resolveUniverse', () => {
  const tmp = useTempDir();

  it.each([
    ['technology', 30, 'CRWD'],
    ['healthcare', 20, 'HUM'],
    ['financials', 20, 'ALL'],
    ['sp500-proxy', 40, 'BRK.B'],
  ])('resolves the packaged universe %s', (name, size, member) => {
    const result = resolveUniverse(name, universesDir, '/');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.name).toBe(name);
    expect(result.value.symbols).toHaveLength(size);
    expect(result.value.symbols).toContain(member);
  });

  it('rejects an unknown name and lists the known universes', () => {
    const result = resolveUniverse('energy', universesDir, '/');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]).toContain('unknown universe "energy"');
    for (const known of knownUniverses(universesDir)) expect(result.error[0]).toContain(known);
  });

  it('accepts a comma-separated list, upper-cased and de-duplicated', () => {
    const result = resolveUniverse('aapl, MSFT,brk.b,AAPL', universesDir, '/');
    expect(result.ok && result.value.symbols).toEqual(['AAPL', 'MSFT', 'BRK.B']);
  });

  it('reads a .txt file with comments and a .json file (array or object)', () => {
    const txt = tmp.write('mine.txt', '# my picks\nAAPL\nMSFT  NVDA\n\n');
    const arr = tmp.write('arr.json', '["KO","PEP"]');
    const obj = tmp.write('obj.json', '{"name":"drinks","symbols":["KO"]}');
    expect(resolveUniverse(txt, universesDir, '/')).toEqual({ ok: true, value: { name: 'mine', symbols: ['AAPL', 'MSFT', 'NVDA'] } });
    expect(resolveUniverse(arr, universesDir, '/')).toEqual({ ok: true, value: { name: 'arr', symbols: ['KO', 'PEP'] } });
    expect(resolveUniverse(obj, universesDir, '/')).toEqual({ ok: true, value: { name: 'drinks', symbols: ['KO'] } });
  });

  it.each([
    ['invalid symbols', 'bad.txt', 'AAPL\nMS FT$\nTOOLONGSYM\n', /invalid symbol.*FT\$.*TOOLONGSYM/s],
    ['no symbols', 'empty.txt', '# nothing\n\n', /no symbols/],
    ['malformed JSON', 'bad.json', '["AAPL",', /malformed JSON/],
    ['a wrong JSON shape', 'shape.json', '{"tickers":["AAPL"]}', /symbols/],
  ])('rejects a universe file with %s', (_name, file, content, message) => {
    const path = tmp.write(file, content);
    const result = resolveUniverse(path, universesDir, '/');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.join('\n')).toMatch(message);
  });

  it('rejects a missing universe file with its path', () => {
    const result = resolveUniverse('./nowhere/u.json', universesDir, '/tmp');
    expect(!result.ok && result.error[0]).toContain('/tmp/nowhere/u.json');
  });
});
