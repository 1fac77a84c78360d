import type { Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';
import { apiError, unprocessable } from '../http/errors.js';
import type { ApiResponse } from '../http/types.js';
import type { OrderRequest, OrderSide, OrderType, PositionIntent, TimeInForce } from './types.js';

export const CLIENT_ORDER_ID_MAX = 128;
const MAX_DECIMALS = 9;
const DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;

const SIDES: readonly OrderSide[] = ['buy', 'sell'];
const TYPES: readonly OrderType[] = ['market', 'limit'];
const KNOWN_TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'];
const TIFS: readonly TimeInForce[] = ['day', 'gtc'];
const KNOWN_TIFS = ['day', 'gtc', 'opg', 'cls', 'ioc', 'fok'];
const INTENTS: readonly PositionIntent[] = ['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close'];

/** What the emulator does not model is refused plainly rather than half-supported. */
const unsupported = (message: string): ApiResponse => apiError(422, 42210000, message);

type Fields = Readonly<Record<string, unknown>>;

/**
 * Checks a POST /v2/orders body on its own (no account or asset lookups), the way Alpaca answers:
 * 422 with a message naming the field.
 */
export function parseOrderRequest(body: unknown): Result<OrderRequest, ApiResponse> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return err(unprocessable('request body must be a JSON object'));
  const f = body as Fields;

  const symbol = text(f['symbol']);
  if (symbol === undefined) return err(unprocessable('symbol is required'));
  const side = f['side'];
  if (!isOneOf(side, SIDES)) return err(unprocessable(side === undefined ? 'side is required' : `invalid side: ${show(side)}`));
  const type = f['type'];
  if (!isOneOf(type, TYPES)) {
    if (type === undefined) return err(unprocessable('type is required'));
    return err(KNOWN_TYPES.includes(type as string) ? unsupported(`order type ${show(type)} is not supported by the local exchange`) : unprocessable(`invalid order type: ${show(type)}`));
  }
  const tif = f['time_in_force'];
  if (!isOneOf(tif, TIFS)) {
    if (tif === undefined) return err(unprocessable('time_in_force is required'));
    return err(KNOWN_TIFS.includes(tif as string) ? unsupported(`time_in_force ${show(tif)} is not supported by the local exchange`) : unprocessable(`invalid time_in_force: ${show(tif)}`));
  }
  const orderClass = f['order_class'];
  if (orderClass !== undefined && orderClass !== null && orderClass !== '' && orderClass !== 'simple') {
    return err(unsupported(`order_class ${show(orderClass)} is not supported by the local exchange`));
  }

  const qty = amount(f['qty'], 'qty');
  if (!qty.ok) return qty;
  const notional = amount(f['notional'], 'notional');
  if (!notional.ok) return notional;
  if ((qty.value === null) === (notional.value === null)) {
    return err(unprocessable(qty.value === null ? 'qty or notional is required' : 'only one of qty or notional may be given'));
  }
  const limitPrice = amount(f['limit_price'], 'limit_price');
  if (!limitPrice.ok) return limitPrice;
  if (type === 'limit' && limitPrice.value === null) return err(unprocessable('limit_price is required for limit orders'));
  if (limitPrice.value !== null && isSubPenny(limitPrice.value)) {
    return err(unprocessable('invalid limit_price: sub-penny increment does not fulfill minimum pricing criteria'));
  }

  const extendedHours = f['extended_hours'] ?? false;
  if (typeof extendedHours !== 'boolean') return err(unprocessable('extended_hours must be a boolean'));
  if (extendedHours && type !== 'limit') return err(unprocessable('extended hours order must be DAY or GTC limit orders'));

  const clientOrderId = f['client_order_id'] ?? null;
  if (clientOrderId !== null && typeof clientOrderId !== 'string') return err(unprocessable('client_order_id must be a string'));
  if (clientOrderId !== null && clientOrderId.length > CLIENT_ORDER_ID_MAX) {
    return err(unprocessable(`client_order_id must be no more than ${CLIENT_ORDER_ID_MAX} characters`));
  }
  const intent = f['position_intent'] ?? null;
  if (intent !== null && !isOneOf(intent, INTENTS)) return err(unprocessable(`invalid position_intent: ${show(intent)}`));

  return ok({
    symbol: symbol.toUpperCase(),
    side,
    type,
    timeInForce: tif,
    qty: qty.value,
    notional: notional.value,
    limitPrice: limitPrice.value,
    extendedHours,
    // An empty id is as good as none: the exchange makes one up.
    clientOrderId: clientOrderId === '' ? null : clientOrderId,
    positionIntent: intent,
  });
}

/** A positive decimal with at most 9 decimals, sent as a string (the SDK) or a number; null when absent. */
function amount(value: unknown, field: string): Result<number | null, ApiResponse> {
  if (value === undefined || value === null || value === '') return ok(null);
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (raw === undefined) return err(unprocessable(`${field} must be a decimal string`));
  if (raw.startsWith('-')) return err(unprocessable(`${field} must be > 0`));
  const m = DECIMAL.exec(raw);
  if (!m) return err(unprocessable(`invalid ${field}: ${show(value)}`));
  const decimals = (m[2] ?? m[3] ?? '').length;
  if (decimals > MAX_DECIMALS) return err(unprocessable(`${field} must have at most ${MAX_DECIMALS} decimal places`));
  const parsed = Number(raw);
  if (!(parsed > 0) || !Number.isFinite(parsed)) return err(unprocessable(`${field} must be > 0`));
  return ok(parsed);
}

/** US equities quote in cents from $1 up and in hundredths of a cent below. */
function isSubPenny(price: number): boolean {
  const scaled = price * (price >= 1 ? 100 : 10_000);
  return Math.abs(scaled - Math.round(scaled)) > 1e-6;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
