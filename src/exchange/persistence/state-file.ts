import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import type { StoredOrder } from '../orders/types.js';
import type { MarketScenario } from '../scenario.js';
import type { ExchangeState } from '../state.js';
import { createExchangeState } from '../state.js';

const FORMAT_VERSION = 1;

const isoTime = z.iso.datetime({ offset: true });
const amount = z.number().finite().positive();

const storedOrderSchema = z.strictObject({
  id: z.string().min(1),
  clientOrderId: z.string().min(1).max(128),
  seq: z.number().int().positive(),
  symbol: z.string().min(1),
  assetId: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit']),
  timeInForce: z.enum(['day', 'gtc']),
  qty: amount.nullable(),
  notional: amount.nullable(),
  limitPrice: amount.nullable(),
  extendedHours: z.boolean(),
  positionIntent: z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close']),
  status: z.enum(['accepted', 'new', 'partially_filled', 'filled', 'canceled', 'expired', 'rejected']),
  filledQty: z.number().finite().nonnegative(),
  filledAvgPrice: amount.nullable(),
  resting: z.boolean(),
  submittedAt: isoTime,
  updatedAt: isoTime,
  filledAt: isoTime.nullable(),
  canceledAt: isoTime.nullable(),
  expiredAt: isoTime.nullable(),
  failedAt: isoTime.nullable(),
  expiresAt: isoTime,
}) satisfies z.ZodType<StoredOrder>;

const stateFileSchema = z.strictObject({
  version: z.literal(FORMAT_VERSION),
  scenario: z.string(),
  /** How far the exchange clock has moved on from the scenario's clock. */
  clockOffsetMs: z.number().int(),
  cash: z.number().finite(),
  positions: z.array(z.strictObject({ symbol: z.string().min(1), qty: z.number().finite(), avgEntryPrice: z.number().finite() })),
  orders: z.array(storedOrderSchema),
  nextSeq: z.number().int().positive(),
});
type StateFile = z.infer<typeof stateFileSchema>;

/** The state as written to disk: the clock as an offset from the scenario's, everything else as it is. */
export function serializeState(state: ExchangeState, scenario: MarketScenario, now: Date): string {
  const doc: StateFile = {
    version: FORMAT_VERSION,
    scenario: scenario.name,
    clockOffsetMs: now.getTime() - scenario.clock.getTime(),
    cash: state.cash,
    positions: [...state.positions].map(([symbol, p]) => ({ symbol, qty: p.qty, avgEntryPrice: p.avgEntryPrice })),
    orders: [...state.orders.values()],
    nextSeq: state.nextSeq,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The exchange's starting state: from the state file when it exists, else fresh from the scenario.
 * Throws, naming the file, when the file cannot be read or does not hold a valid state.
 */
export async function loadExchangeState(scenario: MarketScenario, path: string, wallMs: number): Promise<ExchangeState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return createExchangeState(scenario, wallMs);
    throw new Error(`exchange state file ${path} cannot be read: ${code ?? String(e)}`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`exchange state file ${path} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`exchange state file ${path} is malformed: ${problems.join('; ')}`);
  }
  const problem = inconsistency(parsed.data);
  if (problem !== undefined) throw new Error(`exchange state file ${path} is malformed: ${problem}`);
  return restore(parsed.data, scenario, wallMs);
}

/** What the schema cannot see: duplicate ids and a sequence that would hand out a number again. */
function inconsistency(doc: StateFile): string | undefined {
  const ids = new Set(doc.orders.map((o) => o.id));
  if (ids.size !== doc.orders.length) return 'orders: duplicate order id';
  const clientIds = new Set(doc.orders.map((o) => o.clientOrderId));
  if (clientIds.size !== doc.orders.length) return 'orders: duplicate client_order_id';
  if (doc.orders.some((o) => o.seq >= doc.nextSeq)) return 'nextSeq: not above every order sequence number';
  if (doc.orders.some((o) => (o.qty === null) === (o.notional === null))) return 'orders: each order needs exactly one of qty and notional';
  return undefined;
}

function restore(doc: StateFile, scenario: MarketScenario, wallMs: number): ExchangeState {
  const state = createExchangeState(scenario, wallMs);
  state.now = new Date(scenario.clock.getTime() + doc.clockOffsetMs);
  state.clockAnchor = { now: state.now, wallMs };
  state.cash = doc.cash;
  state.positions.clear();
  for (const p of doc.positions) state.positions.set(p.symbol, { qty: p.qty, avgEntryPrice: p.avgEntryPrice });
  for (const order of [...doc.orders].sort((a, b) => a.seq - b.seq)) {
    state.orders.set(order.id, { ...order });
    state.clientOrderIds.set(order.clientOrderId, order.id);
  }
  state.nextSeq = doc.nextSeq;
  return state;
}
