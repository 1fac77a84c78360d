/** One HTTP exchange as the client saw it: `status` is 'dropped' when the connection failed without an answer. */
export interface SeenRequest {
  readonly method: string;
  /** Path and query, e.g. /v2/orders:by_client_order_id?client_order_id=x */
  readonly target: string;
  readonly body: unknown;
  readonly status: number | 'dropped';
}

/** A fetch that passes everything to the real one and records what went out and what came back. */
export function recordingFetch(): { readonly fetchImpl: typeof fetch; readonly seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const target = `${url.pathname}${url.search}`;
    try {
      const response = await fetch(input, init);
      seen.push({ method, target, body, status: response.status });
      return response;
    } catch (error) {
      seen.push({ method, target, body, status: 'dropped' });
      throw error;
    }
  };
  return { fetchImpl, seen };
}

export const orderPosts = (seen: readonly SeenRequest[]): SeenRequest[] =>
  seen.filter((r) => r.method === 'POST' && r.target === '/v2/orders');
