import { isOpenOrderStatus, type BrokerOrder, type OrderRequest, type SubmitOutcome } from '../../domain/index.js';
import { BrokerError } from '../port.js';
import { delayBefore, type Backoff } from './backoff.js';
import { isApiError, isDuplicateClientOrderId, toBrokerError } from './errors.js';
import { formatQty } from './order-qty.js';

/** POSTs of one order in all: the first, and resubmissions only after a lookup proved the previous one absent. */
export const MAX_ORDER_POSTS = 3;

/** The wire-level market order, qty already a decimal string. */
export interface MarketOrderBody {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly clientOrderId: string;
  readonly type: 'market';
  readonly timeInForce: 'day';
}

export interface SubmitDeps {
  /** One POST /v2/orders; resolves with the accepted order, rejects with the SDK's error as is. */
  readonly post: (body: MarketOrderBody) => Promise<BrokerOrder>;
  /** GET /v2/orders:by_client_order_id, already retried; undefined when Alpaca has no such order (404). */
  readonly lookup: (clientOrderId: string) => Promise<BrokerOrder | undefined>;
  readonly redact: (text: string) => string;
  readonly backoff: Backoff;
}

/**
 * Places a market day order without ever placing it twice. A POST is repeated only after the order was looked up by
 * its client order id and not found, and Alpaca refuses a second order with the same id anyway (422 "client_order_id
 * must be unique"), which is read as "it exists" only while that order is open or filled. Refusals come back as values; an outcome still unknown after
 * MAX_ORDER_POSTS throws a retryable BrokerError, so the caller looks the order up again before doing anything else.
 */
export async function submitMarketOrder(request: OrderRequest, deps: SubmitDeps): Promise<SubmitOutcome> {
  const body: MarketOrderBody = {
    symbol: request.symbol,
    side: request.side,
    qty: formatQty(request.qty),
    clientOrderId: request.clientOrderId,
    type: 'market',
    timeInForce: 'day',
  };
  const action = `placing order ${body.clientOrderId} (${body.side} ${body.qty} ${body.symbol})`;
  let lastFailure = '';
  for (let attempt = 0; attempt < MAX_ORDER_POSTS; attempt++) {
    try {
      return { kind: 'accepted', order: await deps.post(body) };
    } catch (error) {
      if (isDuplicateClientOrderId(error)) {
        const existing = await deps.lookup(body.clientOrderId);
        if (existing === undefined) {
          throw new BrokerError('fatal', `Alpaca says client order id ${body.clientOrderId} is taken but has no order under it`);
        }
        const order = sameOrder(body, existing);
        // Ids are unique per attempt, so the order found is this attempt's; only a live or filled one was placed.
        // A cancelled, expired or rejected order under the id is not a sale (or buy) that happened: say no.
        if (!isOpenOrFilled(order)) {
          return {
            kind: 'rejected',
            status: 422,
            message: `client order id ${body.clientOrderId} is taken by an order that is ${order.status} (filled ${order.filledQty} of ${order.qty}); not resubmitted`,
          };
        }
        return { kind: 'accepted', order, note: 'already submitted' };
      }
      const failure = toBrokerError(error, action, deps.redact);
      if (failure === undefined || failure.kind === 'auth' || failure.kind === 'fatal') throw failure ?? error;
      if (failure.kind === 'rejected') {
        const message = isApiError(error) ? deps.redact(error.message) : failure.message;
        return { kind: 'rejected', status: failure.status ?? 0, message };
      }
      // Outcome unknown (network error, timeout, 408, 429, 5xx): the order may exist. Wait, then ask.
      lastFailure = failure.message;
      await deps.backoff.sleep(delayBefore(attempt, error, deps.backoff));
      const found = await lookupAfterUnknownOutcome(body, deps, lastFailure);
      if (found !== undefined) {
        return { kind: 'accepted', order: sameOrder(body, found), note: `found by client order id after: ${lastFailure}` };
      }
    }
  }
  throw new BrokerError(
    'retryable',
    `${action}: not placed after ${MAX_ORDER_POSTS} attempts, each looked up by client order id (last: ${lastFailure})`,
  );
}

async function lookupAfterUnknownOutcome(
  body: MarketOrderBody,
  deps: SubmitDeps,
  postFailure: string,
): Promise<BrokerOrder | undefined> {
  try {
    return await deps.lookup(body.clientOrderId);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new BrokerError(
      'retryable',
      `order ${body.clientOrderId} may or may not have been placed: ${postFailure}; looking it up failed: ${why}`,
    );
  }
}

function isOpenOrFilled(order: BrokerOrder): boolean {
  return order.status === 'filled' || isOpenOrderStatus(order.status);
}

/** An order found under our client order id must be the one we sent; anything else is a collision worth stopping for. */
function sameOrder(body: MarketOrderBody, order: BrokerOrder): BrokerOrder {
  const same = order.clientOrderId === body.clientOrderId && order.symbol === body.symbol && order.side === body.side && order.qty > 0 && formatQty(order.qty) === body.qty;
  if (!same) {
    throw new BrokerError(
      'fatal',
      `client order id ${body.clientOrderId} belongs to a different order at Alpaca ` +
        `(${order.side} ${order.qty} ${order.symbol}, wanted ${body.side} ${body.qty} ${body.symbol})`,
    );
  }
  return order;
}
