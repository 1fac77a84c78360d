import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/exchange/persistence/atomic-write.js';
import { createPersister } from '../../../src/exchange/persistence/persister.js';
import { waitFor } from '../../broker/wait-for.js';
import { aTempDir } from '../helpers.js';

/** A write that finishes only when the test says so. */
function gatedWrites(): { write: () => Promise<void>; count: () => number; release: (error?: Error) => void } {
  let started = 0;
  const pending: Array<(error?: Error) => void> = [];
  return {
    write: () =>
      new Promise<void>((resolve, reject) => {
        started++;
        pending.push((error) => (error ? reject(error) : resolve()));
      }),
    count: () => started,
    release: (error) => pending.shift()?.(error),
  };
}

describe('createPersister', () => {
  it('covers any number of changes during a write with exactly one more write', async () => {
    const writes = gatedWrites();
    const persister = createPersister(writes.write);
    persister.schedule();
    for (let i = 0; i < 5; i++) persister.schedule();
    expect(writes.count()).toBe(1);
    writes.release();
    const flushed = persister.flush();
    await waitFor('the second write', () => (writes.count() === 2 ? true : undefined));
    writes.release();
    await flushed;
    expect(writes.count()).toBe(2);
  });

  it('reports a failed last write from flush, and forgets it once a later write succeeds', async () => {
    const writes = gatedWrites();
    const persister = createPersister(writes.write);
    persister.schedule();
    writes.release(new Error('disk full'));
    await expect(persister.flush()).rejects.toThrow('disk full');
    persister.schedule();
    writes.release();
    await expect(persister.flush()).resolves.toBeUndefined();
  });
});

describe('writeFileAtomic', () => {
  it('creates missing folders, replaces the old content, and leaves only the target file', async () => {
    const dir = await aTempDir();
    const target = join(dir, 'a', 'b', 'state.json');
    await writeFileAtomic(target, 'first');
    await writeFileAtomic(target, 'second');
    expect(await readFile(target, 'utf8')).toBe('second');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['state.json']);
  });

  it('removes its temporary file when the rename fails', async () => {
    const dir = await aTempDir();
    // A directory in the target's place: the temp file is written, the rename over it fails.
    const target = join(dir, 'state.json');
    await writeFile(join(dir, 'keep.txt'), 'unchanged');
    await writeFileAtomic(join(target, 'inner'), 'x');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['keep.txt', 'state.json']);
  });
});
