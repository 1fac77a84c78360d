import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../../src/exchange/stream/protocol.js';
import type { SessionState } from '../../../src/exchange/stream/session.js';
import { NEW_SESSION, stepSession } from '../../../src/exchange/stream/session.js';

const AUTHORIZED: SessionState = { authorized: true, streams: [] };
const step = (state: SessionState, frame: unknown, keys?: { keyId?: string; secretKey?: string }) =>
  stepSession(state, parseClientMessage(JSON.stringify(frame)), keys);

describe('parseClientMessage', () => {
  it.each([
    ['the SDK authenticate frame', { action: 'authenticate', data: { key_id: 'k', secret_key: 's' } }, { kind: 'authenticate', keyId: 'k', secret: 's' }],
    ['the flat auth frame', { action: 'auth', key: 'k', secret: 's' }, { kind: 'authenticate', keyId: 'k', secret: 's' }],
    ['an authenticate frame without keys', { action: 'authenticate', data: {} }, { kind: 'authenticate', keyId: '', secret: '' }],
    ['a listen frame', { action: 'listen', data: { streams: ['trade_updates'] } }, { kind: 'listen', streams: ['trade_updates'] }],
    ['an unknown action', { action: 'subscribe', trades: ['AAPL'] }, { kind: 'invalid', reason: 'invalid syntax' }],
    ['a listen frame without streams', { action: 'listen', data: {} }, { kind: 'invalid', reason: 'invalid syntax' }],
  ])('reads %s', (_name, frame, expected) => {
    expect(parseClientMessage(JSON.stringify(frame))).toEqual(expected);
  });

  it('reports text that is not JSON as invalid syntax', () => {
    expect(parseClientMessage('{"action":')).toEqual({ kind: 'invalid', reason: 'invalid syntax' });
  });
});

describe('stepSession', () => {
  it('authorizes any non-empty keys when the scenario fixes none', () => {
    expect(step(NEW_SESSION, { action: 'authenticate', data: { key_id: 'k', secret_key: 's' } })).toEqual({
      state: AUTHORIZED,
      reply: { stream: 'authorization', data: { action: 'authenticate', status: 'authorized' } },
      close: false,
    });
  });

  it.each([
    ['empty keys', { key_id: '', secret_key: '' }, undefined],
    ['a wrong secret', { key_id: 'PK', secret_key: 'guess' }, { keyId: 'PK', secretKey: 's3cret' }],
    ['a wrong key id', { key_id: 'OTHER', secret_key: 's3cret' }, { keyId: 'PK', secretKey: 's3cret' }],
  ])('answers unauthorized and closes for %s', (_name, data, keys) => {
    const result = step(NEW_SESSION, { action: 'authenticate', data }, keys);
    expect(result.reply).toEqual({ stream: 'authorization', data: { action: 'authenticate', status: 'unauthorized' } });
    expect(result.close).toBe(true);
    expect(result.state.authorized).toBe(false);
  });

  it('refuses to listen before authentication, without closing', () => {
    expect(step(NEW_SESSION, { action: 'listen', data: { streams: ['trade_updates'] } })).toEqual({
      state: NEW_SESSION,
      reply: { action: 'error', data: { error_message: 'unauthorized' } },
      close: false,
    });
  });

  it('listens once however often trade_updates is requested, and ignores unknown streams', () => {
    const result = step(AUTHORIZED, { action: 'listen', data: { streams: ['trade_updates', 'account_updates', 'trade_updates'] } });
    expect(result.state.streams).toEqual(['trade_updates']);
    expect(result.reply).toEqual({ stream: 'listening', data: { streams: ['trade_updates'] } });
    expect(step(result.state, { action: 'listen', data: { streams: ['trade_updates'] } }).state).toEqual(result.state);
  });

  it('stops listening on an empty stream list', () => {
    const result = step({ authorized: true, streams: ['trade_updates'] }, { action: 'listen', data: { streams: [] } });
    expect(result.state.streams).toEqual([]);
    expect(result.reply).toEqual({ stream: 'listening', data: { streams: [] } });
  });

  it('answers a malformed frame with an error frame and keeps the session', () => {
    expect(step(AUTHORIZED, { hello: 'world' })).toEqual({
      state: AUTHORIZED,
      reply: { action: 'error', data: { error_message: 'invalid syntax' } },
      close: false,
    });
  });
});
