import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export type Reply = { readonly status: number; readonly body: string } | 'hang';

/**
 * A loopback HTTP server standing in for CBOE: `reply` decides each response (or leaves the request hanging),
 * `hits` counts requests. Closed after each test.
 */
export function useVixServer(): {
  start: () => Promise<string>;
  reply: (r: Reply) => void;
  hits: () => number;
} {
  let current: Reply = { status: 200, body: '' };
  let count = 0;
  let server: Server | undefined;
  afterEach(async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    running.closeAllConnections();
    await new Promise<void>((resolve) => running.close(() => resolve()));
  });
  return {
    start: async () => {
      count = 0;
      const started = createServer((_req, res) => {
        count++;
        if (current === 'hang') return;
        res.writeHead(current.status, { 'content-type': 'text/csv' });
        res.end(current.body);
      });
      server = started;
      await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(started.address() as AddressInfo).port}/api/global/us_indices/daily_prices/VIX_History.csv`;
    },
    reply: (r) => {
      current = r;
    },
    hits: () => count,
  };
}

/** A loopback URL on which nothing listens: a port that was just bound and released. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/VIX_History.csv`;
}

/** A CBOE-format CSV with one close per given date (MM/DD/YYYY) and value. */
export function cboeCsv(rows: readonly (readonly [string, number])[]): string {
  return ['DATE,OPEN,HIGH,LOW,CLOSE', ...rows.map(([d, v]) => `${d},${v},${v},${v},${v}`)].join('\n') + '\n';
}
