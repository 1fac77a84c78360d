#!/usr/bin/env node
import { runCli } from './program.js';

// A reader that went away (`rebalance --help | head -1`) is no reason to crash; the exit code still tells the outcome.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const stopSignal = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

const exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  untilStopped: stopSignal,
});
// The run is over and its trail is on disk; an HTTP client's idle timers must not hold the process open.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(exitCode);
