import type { ExchangeContext } from '../context.js';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  /** Path parameters, already URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body; undefined when the request had none. */
  readonly body: unknown;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Handlers only read the context and return a value; the server owns the socket. */
export type Handler = (req: ApiRequest, ctx: ExchangeContext) => ApiResponse;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** e.g. "/v2/assets/:symbol_or_asset_id" */
  readonly path: string;
  readonly handler: Handler;
}
