import { ApiError, AuthError, FetchError, PermissionError, RateLimitError, ValidationError } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { toBrokerError } from '../../../src/broker/alpaca/errors.js';
import { BrokerError, type BrokerErrorKind } from '../../../src/broker/port.js';

const keep = (text: string): string => text;

function apiError(status: number, message: string, code?: number): ApiError {
  const response = new Response(JSON.stringify({ code, message }), { status });
  const Kind =
    status === 401 ? AuthError : status === 403 ? PermissionError : status === 429 ? RateLimitError : status === 422 ? ValidationError : ApiError;
  return new Kind(response, status, code, message);
}

describe('toBrokerError', () => {
  it.each<[string, number, string, number | undefined, BrokerErrorKind]>([
    ['401 unauthorized', 401, 'request is not authorized', 40110000, 'auth'],
    ['403 with Alpaca\'s bad-key body "forbidden."', 403, 'forbidden.', undefined, 'auth'],
    ['403 insufficient buying power', 403, 'insufficient buying power', 40310000, 'rejected'],
    ['403 potential wash trade', 403, 'potential wash trade detected. use complex orders', 40310000, 'rejected'],
    ['403 SIP subscription', 403, 'subscription does not permit querying recent SIP data', undefined, 'rejected'],
    ['404 not found', 404, 'asset not found', 40410000, 'rejected'],
    ['422 invalid input', 422, 'client_order_id must be unique', 40010001, 'rejected'],
    ['429 rate limit', 429, 'rate limit exceeded', 42910000, 'retryable'],
    ['500 internal error', 500, 'internal server error', undefined, 'retryable'],
    ['503 unavailable', 503, 'service unavailable', undefined, 'retryable'],
  ])('classifies %s as %s', (_name, status, message, code, kind) => {
    const mapped = toBrokerError(apiError(status, message, code), 'reading the account', keep);
    expect(mapped).toBeInstanceOf(BrokerError);
    expect(mapped?.kind).toBe(kind);
    expect(mapped?.status).toBe(status);
    expect(mapped?.message).toContain(message);
  });

  it('names the credential variables when the keys are rejected', () => {
    const mapped = toBrokerError(apiError(401, 'unauthorized.'), 'reading the account', keep);
    expect(mapped?.message).toContain('APCA_API_KEY_ID / APCA_API_SECRET_KEY');
  });

  it('classifies a network failure as retryable and keeps its reason', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = new FetchError(new TypeError('fetch failed', { cause: refused }), 'The request failed');
    const mapped = toBrokerError(error, 'reading the clock', keep);
    expect(mapped?.kind).toBe('retryable');
    expect(mapped?.message).toContain('ECONNREFUSED');
  });

  it('classifies a timeout as retryable and says it timed out', () => {
    const error = new FetchError(new DOMException('Request timed out after 50 ms', 'TimeoutError'), 'The request was aborted');
    const mapped = toBrokerError(error, 'reading the clock', keep);
    expect(mapped?.kind).toBe('retryable');
    expect(mapped?.message).toContain('timed out');
  });

  it('redacts secrets that a server echoed into its message', () => {
    const redact = (text: string): string => text.split('s3cret-value').join('[redacted]');
    const mapped = toBrokerError(apiError(422, 'bad header s3cret-value'), 'listing assets', redact);
    expect(mapped?.message).not.toContain('s3cret-value');
    expect(mapped?.message).toContain('[redacted]');
  });

  it('leaves programming errors unclassified so they stay exceptions', () => {
    expect(toBrokerError(new TypeError('x.toISOString is not a function'), 'fetching bars', keep)).toBeUndefined();
  });
});
