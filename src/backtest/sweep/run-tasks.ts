/**
 * Runs sweep tasks on worker threads (tinypool: a small, maintained pool, the one vitest grew up on), one per core
 * by default, or one after another in this thread (threads 0: tests, and the benchmark's sequential yardstick).
 */
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import { runSweepTask, type SweepTask, type SweepTaskResult } from './sweep-task.js';

/** The worker file beside this module: built JavaScript in dist/, TypeScript (through tsx) when run from source. */
function workerFile(): { readonly filename: string; readonly execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) return { filename: fileURLToPath(new URL('./sweep-worker.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
  return { filename: fileURLToPath(new URL('./sweep-worker.js', import.meta.url)), execArgv: [] };
}

export async function runTasks(tasks: readonly SweepTask[], threads: number, onDone?: (done: number) => void): Promise<SweepTaskResult[]> {
  let done = 0;
  const finished = (result: SweepTaskResult): SweepTaskResult => {
    onDone?.(++done);
    return result;
  };
  if (threads <= 0) {
    const results: SweepTaskResult[] = [];
    for (const task of tasks) results.push(finished(await runSweepTask(task)));
    return results;
  }
  const { filename, execArgv } = workerFile();
  const pool = new Tinypool({ filename, minThreads: Math.min(threads, tasks.length), maxThreads: threads, execArgv });
  try {
    return await Promise.all(tasks.map(async (task) => finished((await pool.run(task)) as SweepTaskResult)));
  } finally {
    await pool.destroy();
  }
}
