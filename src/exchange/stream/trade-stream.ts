import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { MarketScenario } from '../scenario.js';
import type { TradeEventBus, TradeUpdateEvent } from '../trade-events.js';
import { encodeFrame, parseClientMessage, tradeUpdateFrame } from './protocol.js';
import type { SessionState } from './session.js';
import { NEW_SESSION, TRADE_UPDATES, stepSession } from './session.js';

export const STREAM_PATH = '/stream';

export interface TradeStreamOptions {
  readonly keys: MarketScenario['keys'];
  readonly events: TradeEventBus;
}

export interface TradeStream {
  /** Terminates every connection and stops forwarding events; the HTTP server can then close. */
  close(): void;
}

/** Serves Alpaca's trade_updates websocket at /stream on an existing HTTP server (its 'upgrade' event). */
export function attachTradeStream(server: Server, opts: TradeStreamOptions): TradeStream {
  // A frame of the protocol is a few hundred bytes; anything near this is not a client of ours.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sessions = new Map<WebSocket, SessionState>();

  const accept = (ws: WebSocket): void => {
    sessions.set(ws, NEW_SESSION);
    // Without a listener a malformed frame would throw from the socket; the connection is dropped instead.
    ws.on('error', () => ws.terminate());
    ws.on('close', () => sessions.delete(ws));
    ws.on('message', (data) => {
      const state = sessions.get(ws);
      if (!state) return;
      const step = stepSession(state, parseClientMessage(rawText(data)), opts.keys);
      sessions.set(ws, step.state);
      ws.send(encodeFrame(step.reply));
      if (step.close) ws.close(1008, 'unauthorized');
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://exchange.local').pathname;
    if (path !== STREAM_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, accept);
  };

  const forward = (event: TradeUpdateEvent): void => {
    const frame = encodeFrame(tradeUpdateFrame(event));
    for (const [ws, state] of sessions) {
      if (state.streams.includes(TRADE_UPDATES) && ws.readyState === ws.OPEN) ws.send(frame);
    }
  };

  server.on('upgrade', onUpgrade);
  opts.events.on('trade_update', forward);
  return {
    close() {
      server.off('upgrade', onUpgrade);
      opts.events.off('trade_update', forward);
      for (const ws of sessions.keys()) ws.terminate();
      wss.close();
    },
  };
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
