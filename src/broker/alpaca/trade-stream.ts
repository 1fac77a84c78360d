import type { streaming } from '@alpacahq/alpaca-trade-api';
import type { TradeUpdate } from '../../domain/index.js';
import { BrokerError } from '../port.js';
import type { AlpacaClient } from './client.js';
import { CREDENTIALS_HINT } from './errors.js';
import { brokerOrderSchema } from './schemas.js';

export const STREAM_OPEN_TIMEOUT_MS = 5_000;

interface RawTradeUpdate {
  readonly event: string;
  readonly order: unknown;
  readonly executionId?: string | undefined;
}

/**
 * Calls `onUpdate` once per distinct event. Alpaca may resend an event (and a reconnect re-listens), so events are
 * keyed by (order id, event, execution id); events without an execution id (new, canceled) key on the filled
 * quantity instead, which tells two genuinely different updates apart.
 */
export function deduplicatedUpdates(onUpdate: (update: TradeUpdate) => void): (raw: RawTradeUpdate) => void {
  const seen = new Set<string>();
  return (raw) => {
    const parsed = brokerOrderSchema.safeParse(raw.order);
    // A malformed update cannot be acted on; the executor's REST polling still sees the order.
    if (!parsed.success) return;
    const order = parsed.data;
    const key = `${order.id}|${raw.event}|${raw.executionId ?? `filled:${order.filledQty}`}`;
    if (seen.has(key)) return;
    seen.add(key);
    onUpdate({ event: raw.event, order });
  };
}

/**
 * Opens Alpaca's trade_updates stream and resolves once the server confirms the subscription ('listening').
 * Rejects with kind 'auth' when the keys are refused and 'retryable' when no confirmation comes within `timeoutMs`;
 * the caller then falls back to polling. close() disconnects for good (no reconnect).
 */
export async function openTradeStream(
  client: AlpacaClient,
  onUpdate: (update: TradeUpdate) => void,
  timeoutMs = STREAM_OPEN_TIMEOUT_MS,
): Promise<{ close(): Promise<void> }> {
  let stream: streaming.TradingStream;
  let sdkStreaming: typeof streaming;
  try {
    ({ stream, streaming: sdkStreaming } = await client.openTradingStream());
  } catch (error) {
    // The SDK refuses to build a stream without a key pair (OAuth-only clients cannot stream).
    throw new BrokerError('fatal', client.redact(`cannot open Alpaca's trade_updates stream: ${(error as Error).message}`));
  }
  stream.onTradeUpdate(deduplicatedUpdates(onUpdate));
  // Before connect(): subscribing from onConnect sends 'listen' twice (alpaca-notes §1.6).
  stream.subscribeTradeUpdates();

  await new Promise<void>((resolve, reject) => {
    let lastError: string | undefined;
    let settled = false;
    const onError = (message: string): void => {
      lastError = message;
    };
    const onSubscription = (streams: unknown): void => {
      if (!Array.isArray(streams) || !streams.includes('trade_updates')) return;
      finish();
      resolve();
    };
    const finish = (): void => {
      settled = true;
      clearTimeout(timer);
      stream.off(sdkStreaming.EVENT.SUBSCRIPTION, onSubscription);
      stream.off(sdkStreaming.EVENT.CLIENT_ERROR, onError);
    };
    const fail = (error: BrokerError): void => {
      if (settled) return;
      finish();
      stream.disconnect();
      reject(error);
    };
    const timer = setTimeout(() => {
      const why = lastError === undefined ? '' : ` (${client.redact(lastError)})`;
      fail(new BrokerError('retryable', `Alpaca's trade_updates stream did not start listening within ${timeoutMs} ms${why}`));
    }, timeoutMs);
    stream.on(sdkStreaming.EVENT.SUBSCRIPTION, onSubscription);
    stream.onError(onError);
    void stream.whenAuthenticated().then((result) => {
      if (result.status === sdkStreaming.STREAM_AUTH_STATUS.SERVER_REJECTED) {
        fail(new BrokerError('auth', `${CREDENTIALS_HINT} on the trade_updates stream (${client.redact(result.message)})`));
      }
    });
    try {
      stream.connect();
    } catch (error) {
      fail(new BrokerError('fatal', client.redact(`cannot open Alpaca's trade_updates stream: ${(error as Error).message}`)));
    }
  });

  return {
    close: () => {
      stream.disconnect();
      return Promise.resolve();
    },
  };
}
