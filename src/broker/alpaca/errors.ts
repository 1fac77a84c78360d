import type * as z from 'zod';
import { BrokerError } from '../port.js';

export const CREDENTIALS_HINT = 'Alpaca rejected the API credentials (APCA_API_KEY_ID / APCA_API_SECRET_KEY)';

/** Bodies Alpaca sends for a bad key pair with 403 instead of 401 (403 also means "order refused", so match exactly). */
const FORBIDDEN_AUTH_MESSAGE = /^(?:forbidden|unauthorized|request is not authorized)\.?$/i;

export interface ApiErrorLike {
  readonly status: number;
  readonly message: string;
  readonly code?: unknown;
  /** From Retry-After, else X-Ratelimit-Reset (which every Alpaca response carries, so only meaningful on 429). */
  readonly retryAfterMs?: number;
}

// Duck-typed rather than instanceof: the SDK ships CJS and ESM builds, and each has its own error classes.
export function isApiError(error: unknown): error is ApiErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

function isFetchError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'FetchError';
}

/** Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, timeout) sits one or two causes down. */
function causeText(error: Error): string {
  const reasons: string[] = [];
  let cause: unknown = (error as { cause?: unknown }).cause;
  while (cause instanceof Error && reasons.length < 3) {
    reasons.push(cause.name === 'TimeoutError' ? 'timed out' : cause.message || cause.name);
    cause = (cause as { cause?: unknown }).cause;
  }
  return reasons.length === 0 ? error.message : reasons.join(': ');
}

/**
 * Classifies an SDK failure once, at the edge: credentials → 'auth', throttling/outages/network → 'retryable',
 * any other refusal → 'rejected'. Returns undefined for anything else, which is a bug and should stay an exception.
 */
export function toBrokerError(error: unknown, action: string, redact: (text: string) => string): BrokerError | undefined {
  if (error instanceof BrokerError) return error;
  if (isApiError(error)) {
    const { status } = error;
    const detail = redact(error.message);
    const code = error.code === undefined ? '' : ` code ${String(error.code)}`;
    const said = `HTTP ${status}${code}: ${detail}`;
    if (status === 401 || (status === 403 && FORBIDDEN_AUTH_MESSAGE.test(error.message.trim()))) {
      return new BrokerError('auth', `${CREDENTIALS_HINT} while ${action} (${said})`, status);
    }
    if (status === 408 || status === 429 || status >= 500) {
      return new BrokerError('retryable', `Alpaca could not serve ${action} for now (${said})`, status);
    }
    return new BrokerError('rejected', `Alpaca refused ${action} (${said})`, status);
  }
  if (isFetchError(error)) {
    return new BrokerError('retryable', redact(`Could not reach Alpaca while ${action}: ${causeText(error)}`));
  }
  return undefined;
}

/** Runs one SDK call and rethrows its expected failures as BrokerError. */
export async function callAlpaca<T>(action: string, redact: (text: string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toBrokerError(error, action, redact) ?? error;
  }
}

/** A response that does not have the documented shape: retrying will not help, so it is fatal. */
export function unexpectedResponse(action: string, error: z.ZodError): BrokerError {
  const first = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return new BrokerError('fatal', `Alpaca sent an unexpected response while ${action}: ${first}`);
}

/** How long a 429 asked us to wait (Retry-After or the rate-limit window's reset); undefined for anything else. */
export function rateLimitWaitMs(error: unknown): number | undefined {
  if (!isApiError(error) || error.status !== 429) return undefined;
  return typeof error.retryAfterMs === 'number' && Number.isFinite(error.retryAfterMs) ? error.retryAfterMs : undefined;
}

/** Alpaca's answer to a second POST with a client order id it has seen before: the order already exists. */
export function isDuplicateClientOrderId(error: unknown): boolean {
  return isApiError(error) && error.status === 422 && /client_order_id must be unique/i.test(error.message);
}

/** A failure after which the request may or may not have taken effect (network, timeout, 408, 429, 5xx). */
export function isRetryable(error: unknown, redact: (text: string) => string): boolean {
  return toBrokerError(error, 'retrying', redact)?.kind === 'retryable';
}

/** The SDK gave up waiting (timeoutMs) or was aborted: repeating it would likely wait just as long again. */
export function isTimeout(error: unknown): boolean {
  let cause: unknown = isFetchError(error) ? (error as { cause?: unknown }).cause : undefined;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
