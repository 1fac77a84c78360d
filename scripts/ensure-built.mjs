// Builds dist/ only when a source or build setting is newer than the last build: `npm run rebalance` stays quick.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.tsbuildinfo');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((p) => join(root, p));
const built = existsSync(stamp) && existsSync(join(root, 'dist', 'cli', 'main.js')) ? statSync(stamp).mtimeMs : 0;
if (inputs.some((p) => existsSync(p) && newestMtime(p) > built)) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  // tsc leaves its build info untouched when nothing changed: mark this build as the newest.
  const now = new Date();
  utimesSync(stamp, now, now);
}
