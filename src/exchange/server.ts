import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../domain/index.js';
import { buildAssetCatalog } from './assets.js';
import type { ExchangeContext } from './context.js';
import type { FaultOutcome } from './faults/index.js';
import { NO_FAULTS, createFaultLayer } from './faults/index.js';
import { apiError, internalError, unauthorized } from './http/errors.js';
import { isAuthorized } from './http/auth.js';
import { readJsonBody } from './http/read-body.js';
import { createRouter } from './http/router.js';
import type { ApiResponse, Route } from './http/types.js';
import { accountRoutes } from './routes/account.js';
import { assetRoutes } from './routes/assets.js';
import { barRoutes } from './routes/bars.js';
import { calendarRoutes } from './routes/calendar.js';
import { clockRoutes } from './routes/clock.js';
import { controlRoutes, isLoopbackAddress } from './routes/control.js';
import { orderRoutes } from './routes/orders.js';
import { positionRoutes } from './routes/positions.js';
import type { MarketScenario } from './scenario.js';
import type { ExchangeState } from './state.js';
import { startTrading } from './orders/start-trading.js';
import { attachTradeStream } from './stream/index.js';

export interface StartExchangeOptions {
  readonly scenario: MarketScenario;
  /** Default 127.0.0.1: the exchange is for this machine only. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
}

export interface RunningExchange {
  /** e.g. "http://127.0.0.1:53211", no trailing slash (the SDK appends paths as is). */
  readonly baseUrl: string;
  readonly port: number;
  /** Live and mutable: tests and later features move the clock or change holdings here. */
  readonly state: ExchangeState;
  close(): Promise<void>;
}

export const exchangeRoutes: readonly Route[] = [
  ...accountRoutes,
  ...positionRoutes,
  ...clockRoutes,
  ...calendarRoutes,
  ...assetRoutes,
  ...barRoutes,
  ...orderRoutes,
  ...controlRoutes,
];

/** Starts the local Alpaca-compatible exchange (Trading + Market Data REST on one port). */
export async function startExchange(opts: StartExchangeOptions): Promise<RunningExchange> {
  const assets = buildAssetCatalog(opts.scenario);
  // Rejects, naming the file, when the scenario's state file cannot be used.
  const trading = await startTrading(opts.scenario, assets);
  const { state } = trading;
  const ctx: ExchangeContext = { scenario: opts.scenario, assets, state, orders: trading.orders };
  const route = createRouter(exchangeRoutes);
  const faults = createFaultLayer(opts.scenario.faults ?? NO_FAULTS, Date.now);

  const server = createServer((req, res) => {
    // Read at once, even if a fault answers first: a drained body keeps keep-alive connections healthy.
    const body = readJsonBody(req);
    const request = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] ?? '/' };
    faults.handle(request, async () => respond(req, await body, ctx, route)).then(
      (outcome) => deliver(res, outcome),
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stream = attachTradeStream(server, { keys: opts.scenario.keys, events: state.events });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  // Idempotent: a CLI signal handler and a test teardown may both close it.
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve, reject) => {
      faults.close();
      // Upgraded websocket sockets are not HTTP connections: closeAllConnections would leave them open.
      stream.close();
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    }).finally(() => trading.close())); // then stop the order timers and wait for the last state write
  return { baseUrl: `http://${host}:${port}`, port, state, close };
}

function respond(
  req: IncomingMessage,
  body: Result<unknown, string>,
  ctx: ExchangeContext,
  route: ReturnType<typeof createRouter>,
): ApiResponse {
  try {
    const url = new URL(req.url ?? '/', 'http://exchange.local');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/v2/') && !isAuthorized(req.headers, ctx.scenario.keys)) return unauthorized();
    const match = route(method, url.pathname);
    if (url.pathname.startsWith('/_control/') && !isLoopbackAddress(req.socket.remoteAddress)) {
      return apiError(403, 40310000, 'control endpoints answer loopback clients only');
    }
    if (match.kind === 'miss') return match.response;
    if (!body.ok) return apiError(400, 40010000, body.error);
    return match.handler({ method, path: url.pathname, params: match.params, query: url.searchParams, body: body.value }, ctx);
  } catch (e) {
    // A bug, not an expected failure: answer like Alpaca would rather than drop the connection.
    return internalError(`internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A dropped request gets no answer at all: the client sees its connection reset. */
function deliver(res: ServerResponse, outcome: FaultOutcome): void {
  if (outcome.kind === 'drop') res.destroy();
  else send(res, outcome.response, outcome.headers);
}

function send(res: ServerResponse, response: ApiResponse, rateLimitHeaders: Readonly<Record<string, string>>): void {
  // A 204 (order canceled) has no body at all.
  const body = response.body === undefined ? '' : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'X-Request-ID': randomUUID(),
    ...rateLimitHeaders,
  });
  res.end(body);
}
