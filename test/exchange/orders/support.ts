/** Talking to the local exchange's order API over real HTTP, and waiting for what its timers do. */
import { DEFAULT_FILL_RULES } from '../../../src/exchange/orders/execution.js';
import type { FillRules } from '../../../src/exchange/scenario.js';
import type { RunningExchange } from '../../../src/exchange/server.js';
import type { TradeUpdateEvent } from '../../../src/exchange/trade-events.js';
import { waitFor } from '../../broker/wait-for.js';
import type { Reply } from '../helpers.js';
import { KEYS, get } from '../helpers.js';

export type Json = Record<string, unknown>;

/** Fill rules for tests: quick fills unless a test says otherwise. */
export function fillRules(overrides: Partial<FillRules> = {}): FillRules {
  return { ...DEFAULT_FILL_RULES, delayMs: 10, ...overrides };
}

export async function send(exchange: RunningExchange, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${exchange.baseUrl}${path}`, {
    method,
    headers: { ...KEYS, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** A market day buy of 1 AAPL, changed by `fields`. */
export function anOrderBody(fields: Json = {}): Json {
  return { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day', ...fields };
}

/** Places an order that must be accepted; returns its JSON. */
export async function place(exchange: RunningExchange, fields: Json = {}): Promise<Json> {
  const reply = await send(exchange, 'POST', '/v2/orders', anOrderBody(fields));
  if (reply.status !== 200) throw new Error(`order refused: ${reply.status} ${reply.text}`);
  return reply.body as Json;
}

export async function orderById(exchange: RunningExchange, id: unknown): Promise<Json> {
  const reply = await get(exchange, `/v2/orders/${String(id)}`);
  if (reply.status !== 200) throw new Error(`GET order ${String(id)}: ${reply.status} ${reply.text}`);
  return reply.body as Json;
}

export async function moveClock(exchange: RunningExchange, body: Json): Promise<Reply> {
  return send(exchange, 'POST', '/_control/clock', body);
}

export { waitFor };

/** Waits until the order reaches `status`; returns its JSON then. */
export function waitForStatus(exchange: RunningExchange, id: unknown, status: string, timeoutMs?: number): Promise<Json> {
  return waitFor(
    `order ${String(id)} to be ${status}`,
    async () => {
      const order = await orderById(exchange, id);
      return order['status'] === status ? order : undefined;
    },
    timeoutMs === undefined ? {} : { timeoutMs },
  );
}

/** Every trade update the exchange emits from now on. */
export function recordEvents(exchange: RunningExchange): TradeUpdateEvent[] {
  const seen: TradeUpdateEvent[] = [];
  exchange.state.events.on('trade_update', (e) => seen.push(e));
  return seen;
}
