import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temp dir per test, removed afterwards; `write` creates files (and folders) in it. */
export function useTempDir(): { path: () => string; write: (name: string, content: string) => string } {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const path = (): string => (dir ??= mkdtempSync(join(tmpdir(), 'rebalancer-test-')));
  const write = (name: string, content: string): string => {
    const file = join(path(), name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
  return { path, write };
}
