import type { ApiResponse } from './types.js';

/** Alpaca's error body: a numeric code and a message. */
export function apiError(status: number, code: number, message: string): ApiResponse {
  return { status, body: { code, message } };
}

export const unauthorized = (): ApiResponse => apiError(401, 40110000, 'request is not authorized');
export const notFound = (message: string): ApiResponse => apiError(404, 40410000, message);
/** Trading API parameter errors. */
export const unprocessable = (message: string): ApiResponse => apiError(422, 40010001, message);
/** Market Data API (and calendar) parameter errors. */
export const badRequest = (message: string): ApiResponse => apiError(400, 40010001, message);
export const methodNotAllowed = (): ApiResponse => apiError(405, 40510000, 'method not allowed');
export const internalError = (message: string): ApiResponse => apiError(500, 50010000, message);

export const ok = (body: unknown): ApiResponse => ({ status: 200, body });
