import * as z from 'zod';
import type { TradeUpdateEvent } from '../trade-events.js';

/** What a client asked for, parsed from one frame. */
export type ClientMessage =
  | { readonly kind: 'authenticate'; readonly keyId: string; readonly secret: string }
  | { readonly kind: 'listen'; readonly streams: readonly string[] }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Missing keys parse as empty strings: the auth rule then answers "unauthorized" rather than "invalid". */
const key = z.string().optional().transform((v) => v ?? '');
const clientMessageSchema = z.discriminatedUnion('action', [
  // The documented frame, as the SDK sends it.
  z.object({ action: z.literal('authenticate'), data: z.object({ key_id: key, secret_key: key }) }),
  // The older flat form some clients still send.
  z.object({ action: z.literal('auth'), key, secret: key }),
  z.object({ action: z.literal('listen'), data: z.object({ streams: z.array(z.string()) }) }),
]);

export function parseClientMessage(text: string): ClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'invalid syntax' };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', reason: 'invalid syntax' };
  const m = parsed.data;
  switch (m.action) {
    case 'authenticate':
      return { kind: 'authenticate', keyId: m.data.key_id, secret: m.data.secret_key };
    case 'auth':
      return { kind: 'authenticate', keyId: m.key, secret: m.secret };
    case 'listen':
      return { kind: 'listen', streams: m.data.streams };
  }
}

/** Frames the server sends, in Alpaca's wire shape (alpaca-notes §1.6). */
export type ServerFrame =
  | { readonly stream: 'authorization'; readonly data: { readonly action: 'authenticate'; readonly status: 'authorized' | 'unauthorized' } }
  | { readonly stream: 'listening'; readonly data: { readonly streams: readonly string[] } }
  | { readonly stream: 'trade_updates'; readonly data: TradeUpdateEvent }
  | { readonly action: 'error'; readonly data: { readonly error_message: string } };

export const authorizationFrame = (authorized: boolean): ServerFrame => ({
  stream: 'authorization',
  data: { action: 'authenticate', status: authorized ? 'authorized' : 'unauthorized' },
});
export const listeningFrame = (streams: readonly string[]): ServerFrame => ({ stream: 'listening', data: { streams } });
export const tradeUpdateFrame = (event: TradeUpdateEvent): ServerFrame => ({ stream: 'trade_updates', data: event });
export const errorFrame = (message: string): ServerFrame => ({ action: 'error', data: { error_message: message } });

/** UTF-8 JSON in a Buffer: sent as a binary frame, like the real paper server. */
export function encodeFrame(frame: ServerFrame): Buffer {
  return Buffer.from(JSON.stringify(frame), 'utf8');
}
