/**
 * Posts one webhook message, retrying with exponential backoff (p-retry) inside one total deadline: a slow or
 * hanging server costs the run at most `totalMs`. Never throws: the answer says whether it was delivered.
 */
import pRetry from 'p-retry';

export interface SendSettings {
  /** Everything, retries and their waits included, ends by then. */
  readonly totalMs: number;
  /** One request's limit (also cut by the total deadline). */
  readonly attemptMs: number;
  /** Retries after the first attempt. */
  readonly retries: number;
  /** The first wait; doubled for each further retry. */
  readonly minDelayMs: number;
}

export const DEFAULT_SEND_SETTINGS: SendSettings = { totalMs: 10_000, attemptMs: 4_000, retries: 4, minDelayMs: 250 };

export type SendResult =
  | { readonly ok: true; readonly attempts: number; readonly status: number }
  | { readonly ok: false; readonly attempts: number; readonly error: string };

/** A webhook answered with an error status. */
class WebhookStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** Network errors and timeouts may pass, as may 429 and 5xx; any other 4xx is the request's fault and will not. */
function mayPass(error: Error): boolean {
  return error instanceof WebhookStatusError ? error.status === 429 || error.status >= 500 : true;
}

export async function postWebhook(url: string, body: string, settings: SendSettings, fetchImpl: typeof fetch): Promise<SendResult> {
  const deadline = AbortSignal.timeout(settings.totalMs);
  let attempts = 0;
  try {
    const status = await pRetry(
      async () => {
        attempts++;
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'regime-rebalancer' },
          body,
          signal: AbortSignal.any([deadline, AbortSignal.timeout(settings.attemptMs)]),
        });
        // The answer's body is not needed; dropping it frees the connection.
        await response.body?.cancel().catch(() => undefined);
        if (!response.ok) throw new WebhookStatusError(response.status);
        return response.status;
      },
      { retries: settings.retries, minTimeout: settings.minDelayMs, factor: 2, maxRetryTime: settings.totalMs, signal: deadline, shouldRetry: ({ error }) => mayPass(error) },
    );
    return { ok: true, attempts, status };
  } catch (error) {
    return { ok: false, attempts, error: describe(error, deadline.aborted, settings.totalMs) };
  }
}

/** Why it failed, without the URL (a webhook URL holds its token). */
function describe(error: unknown, pastDeadline: boolean, totalMs: number): string {
  if (pastDeadline) return `no answer within the ${totalMs / 1000} s deadline`;
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'the request timed out';
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code !== undefined ? `${error.message} (${code})` : error.message;
}
