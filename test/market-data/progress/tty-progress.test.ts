import { describe, expect, it } from 'vitest';
import { createTtyProgress, type ProgressStream } from '../../../src/market-data/progress/tty-progress.js';
import { waitFor } from '../../broker/wait-for.js';

/** A stand-in for process.stderr that keeps what is written. */
function fakeStream(isTTY: boolean): ProgressStream & { readonly text: () => string } {
  const chunks: string[] = [];
  return { isTTY, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

/** What a terminal would show: each carriage return + erase-line starts the line over. */
const visible = (text: string): string => text.split('\r\x1b[2K').at(-1) ?? '';

describe('createTtyProgress', () => {
  it('shows symbols done, requests and cache hits on a terminal once the fetch runs longer than the delay', async () => {
    const terminal = fakeStream(true);
    const progress = createTtyProgress(terminal, { showAfterMs: 0, redrawMs: 5 });
    progress.begin(505);
    progress.cacheHits(300);
    progress.requestSent();
    progress.requestSent();
    progress.symbolsFetched(64);
    await waitFor('the progress line', () => (visible(terminal.text()).startsWith('market data: 364/505 symbols, 2 requests, 300 cache hits') ? true : undefined), {
      describe: () => JSON.stringify(terminal.text()),
    });
    progress.symbolsFetched(141);
    progress.end();
    expect(visible(terminal.text())).toMatch(/^market data: 505\/505 symbols, 2 requests, 300 cache hits, \d+\.\d s\n$/);
  });

  it('writes nothing when the stream is not a terminal', async () => {
    const terminal = fakeStream(true);
    const pipe = fakeStream(false);
    const onTerminal = createTtyProgress(terminal, { showAfterMs: 0, redrawMs: 5 });
    const onPipe = createTtyProgress(pipe, { showAfterMs: 0, redrawMs: 5 });
    for (const progress of [onTerminal, onPipe]) {
      progress.begin(10);
      progress.requestSent();
      progress.symbolsFetched(10);
    }
    // By the time the terminal shows a line, the pipe would have shown one too.
    await waitFor('the terminal line', () => (terminal.text().includes('10/10') ? true : undefined));
    onTerminal.end();
    onPipe.end();
    expect(pipe.text()).toBe('');
  });

  it('shows nothing for a fetch that ends before the delay', () => {
    const terminal = fakeStream(true);
    const progress = createTtyProgress(terminal, { showAfterMs: 60_000 });
    progress.begin(5);
    progress.requestSent();
    progress.symbolsFetched(5);
    progress.end();
    expect(terminal.text()).toBe('');
  });

  it('starts counting again at each fetch', async () => {
    const terminal = fakeStream(true);
    const progress = createTtyProgress(terminal, { showAfterMs: 0, redrawMs: 5 });
    progress.begin(3);
    progress.requestSent();
    progress.symbolsFetched(3);
    await waitFor('the first line', () => (terminal.text().includes('3/3') ? true : undefined));
    progress.end();
    progress.begin(4);
    await waitFor('the second line', () => (visible(terminal.text()).includes('0/4') ? true : undefined));
    progress.end();
    expect(visible(terminal.text())).toMatch(/^market data: 0\/4 symbols, 0 requests, 0 cache hits/);
  });
});
