import { isAuthorized } from '../http/auth.js';
import type { MarketScenario } from '../scenario.js';
import type { ClientMessage, ServerFrame } from './protocol.js';
import { authorizationFrame, errorFrame, listeningFrame } from './protocol.js';

/** The only stream the exchange serves. */
export const TRADE_UPDATES = 'trade_updates';
const KNOWN_STREAMS: ReadonlySet<string> = new Set([TRADE_UPDATES]);

/** One connection's protocol state. */
export interface SessionState {
  readonly authorized: boolean;
  /** A set, not a count: a repeated listen must not duplicate events. */
  readonly streams: readonly string[];
}

export const NEW_SESSION: SessionState = { authorized: false, streams: [] };

export interface SessionStep {
  readonly state: SessionState;
  readonly reply: ServerFrame;
  /** Close the connection after the reply (rejected credentials). */
  readonly close: boolean;
}

/** The trade_updates protocol as a pure function: one client message in, the new state and the reply out. */
export function stepSession(state: SessionState, message: ClientMessage, keys: MarketScenario['keys']): SessionStep {
  switch (message.kind) {
    case 'invalid':
      return { state, reply: errorFrame(message.reason), close: false };
    case 'authenticate': {
      // Same rule as the REST API, so a key pair works on both or on neither.
      const authorized = isAuthorized({ 'apca-api-key-id': message.keyId, 'apca-api-secret-key': message.secret }, keys);
      return {
        state: { authorized, streams: authorized ? state.streams : [] },
        reply: authorizationFrame(authorized),
        close: !authorized,
      };
    }
    case 'listen': {
      if (!state.authorized) return { state, reply: errorFrame('unauthorized'), close: false };
      const streams = [...new Set(message.streams)].filter((s) => KNOWN_STREAMS.has(s));
      return { state: { ...state, streams }, reply: listeningFrame(streams), close: false };
    }
  }
}
