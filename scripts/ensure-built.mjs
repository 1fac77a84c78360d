// Builds dist/ only when a source or build setting is newer than the last build: `npm run rebalance` stays quick.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// The build writes every output afresh, so the entry's time is the build's time.
const entry = join(root, 'dist', 'cli', 'main.js');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

const inputs = ['src', 'scripts/build.mjs', 'package-lock.json'].map((p) => join(root, p));
const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (inputs.some((p) => existsSync(p) && newestMtime(p) > built)) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
