import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Paths {
  readonly packageRoot: string;
  readonly configDir: string;
  readonly defaultConfig: string;
  readonly universesDir: string;
}

/** Where the packaged config lives: beside dist/ (or src/ under tests), at the package root. */
export function packagePaths(packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')): Paths {
  const configDir = resolve(packageRoot, 'config');
  return {
    packageRoot,
    configDir,
    defaultConfig: resolve(configDir, 'default.json'),
    universesDir: resolve(configDir, 'universes'),
  };
}
