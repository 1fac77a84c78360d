/** A webhook receiver on 127.0.0.1 that records every request: answers 200, 500, 429-then-200, 400, or never. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = 'ok' | 'error' | 'rate-limited-once' | 'bad-request' | 'hang';

export interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: string;
  /** When the whole request had arrived (Date.now() in the test process). */
  readonly at: number;
}

export interface WebhookServer {
  readonly url: (path?: string) => string;
  readonly received: Received[];
  /** The bodies as JSON. */
  readonly json: () => unknown[];
  close(): Promise<void>;
}

export async function startWebhookServer(behaviour: Behaviour): Promise<WebhookServer> {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', contentType: request.headers['content-type'], body, at: Date.now() });
      if (behaviour === 'hang') {
        hanging.push(response);
        return;
      }
      const status = { ok: 200, error: 500, 'bad-request': 400, 'rate-limited-once': received.length === 1 ? 429 : 200 }[behaviour];
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    json: () => received.map((r) => JSON.parse(r.body) as unknown),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A URL on a port where nothing listens: a server that was there a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}
