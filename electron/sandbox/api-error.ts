// A Recall-shaped error response raised by any layer and rendered by the server pipeline.
import { jsonResponse, type ApiResponse } from './http-io';

export class ApiError extends Error {
  readonly response: ApiResponse;
  constructor(status: number, payload: unknown, headers: Record<string, string> = {}) {
    super(`HTTP ${status}`);
    this.response = jsonResponse(status, payload, headers);
  }
}

export const notFound = (): ApiError => new ApiError(404, { detail: 'Not found.' });

export const wrongState = (code: string, detail: string): ApiError => new ApiError(400, { code, detail });

export const fieldErrors = (errors: Record<string, unknown>): ApiError => new ApiError(400, errors);

export const methodNotAllowed = (method: string, allow: readonly string[]): ApiError =>
  new ApiError(405, { detail: `Method "${method}" not allowed.` }, { allow: allow.join(', ') });
