import type { FetchProgress } from './progress.js';
import { formatProgress } from './format-progress.js';

/** The part of a writable stream the reporter uses; process.stderr is one. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface TtyProgressOptions {
  /** A fetch that ends sooner shows nothing. Default 500 ms. */
  readonly showAfterMs?: number;
  /** Redraw at most this often. Default 100 ms. */
  readonly redrawMs?: number;
  readonly now?: () => number;
}

/** A progress line for people watching a terminal. */
export interface TtyProgress extends FetchProgress {
  /** A fetch of `totalSymbols` symbols starts; counts restart from zero. */
  begin(totalSymbols: number): void;
  /** The fetch is over: a line that was shown gets its final counts and a line break. */
  end(): void;
}

// Carriage return and "erase line": the next draw replaces the previous one in place.
const REWRITE = '\r\x1b[2K';

/**
 * Draws "market data: 120/505 symbols, 9 requests, 300 cache hits, 1.4 s" on `stream`, rewritten in place, once a
 * fetch has run longer than `showAfterMs`. Writes nothing at all when the stream is not a terminal (a pipe, a file,
 * or --json where the caller passes a disabled stream), so logs and machine-read output stay clean.
 */
export function createTtyProgress(stream: ProgressStream, options: TtyProgressOptions = {}): TtyProgress {
  const showAfterMs = options.showAfterMs ?? 500;
  const redrawMs = options.redrawMs ?? 100;
  const now = options.now ?? Date.now;
  const enabled = stream.isTTY === true;
  let totalSymbols = 0;
  let fetched = 0;
  let requests = 0;
  let hits = 0;
  let startedAt = 0;
  let shown = false;
  let dirty = false;
  let showTimer: NodeJS.Timeout | undefined;
  let redrawTimer: NodeJS.Timeout | undefined;

  const line = (): string =>
    formatProgress({ totalSymbols, doneSymbols: fetched + hits, requests, cacheHits: hits, elapsedMs: now() - startedAt });
  const draw = (): void => {
    dirty = false;
    stream.write(`${REWRITE}${line()}`);
  };
  const stopTimers = (): void => {
    clearTimeout(showTimer);
    clearInterval(redrawTimer);
    showTimer = undefined;
    redrawTimer = undefined;
  };
  const changed = (): void => {
    dirty = true;
  };

  return {
    begin(total) {
      stopTimers();
      totalSymbols = total;
      fetched = requests = hits = 0;
      startedAt = now();
      shown = false;
      if (!enabled) return;
      // Timers are unref'd: a progress line must never keep the process alive.
      showTimer = setTimeout(() => {
        shown = true;
        draw();
        redrawTimer = setInterval(() => dirty && draw(), redrawMs).unref();
      }, showAfterMs).unref();
    },
    symbolsFetched(count) {
      fetched += count;
      changed();
    },
    requestSent() {
      requests += 1;
      changed();
    },
    cacheHits(count) {
      hits += count;
      changed();
    },
    end() {
      stopTimers();
      if (shown) stream.write(`${REWRITE}${line()}\n`);
      shown = false;
    },
  };
}
