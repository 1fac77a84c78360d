/** The worker-thread entry of a sweep (tinypool): one backtest per task, the data read once per worker. */
import { runSweepTask, type SweepTask, type SweepTaskResult } from './sweep-task.js';

export default function run(task: SweepTask): Promise<SweepTaskResult> {
  return runSweepTask(task);
}
