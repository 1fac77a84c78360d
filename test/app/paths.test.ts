import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDirFor } from '../../src/app/paths.js';

describe('cacheDirFor', () => {
  it('uses data.cacheDir from the config, relative to the working directory', () => {
    expect(cacheDirFor('cache', { XDG_CACHE_HOME: '/var/cache/me' }, '/work')).toBe('/work/cache');
  });

  it('else $XDG_CACHE_HOME/regime-rebalancer', () => {
    expect(cacheDirFor(undefined, { XDG_CACHE_HOME: '/var/cache/me' }, '/work')).toBe('/var/cache/me/regime-rebalancer');
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['relative (invalid per the XDG spec, which says to ignore it)', 'cache'],
  ])('else ~/.cache/regime-rebalancer when $XDG_CACHE_HOME is %s', (_name, xdg) => {
    expect(cacheDirFor(undefined, { XDG_CACHE_HOME: xdg }, '/work')).toBe(join(homedir(), '.cache', 'regime-rebalancer'));
  });
});
