// Idempotency-Key handling (recall-api.md §8.5): (key, method, path) → the completed response,
// replayed for one sandbox hour; a duplicate while the first is still running gets 409.
import type { ApiResponse } from './http-io';

export const IDEMPOTENCY_TTL_MS = 60 * 60 * 1000;

type Entry = { state: 'running' } | { state: 'done'; response: ApiResponse; at: number };

export type IdempotencyDecision = { kind: 'execute' } | { kind: 'conflict' } | { kind: 'replay'; response: ApiResponse };

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  private static id(key: string, method: string, path: string): string {
    return JSON.stringify([key, method, path]);
  }

  /** Claims the key for execution, or says to replay / refuse. */
  begin(key: string, method: string, path: string): IdempotencyDecision {
    const id = IdempotencyStore.id(key, method, path);
    const entry = this.entries.get(id);
    if (entry?.state === 'running') return { kind: 'conflict' };
    if (entry?.state === 'done' && this.now() - entry.at < IDEMPOTENCY_TTL_MS) return { kind: 'replay', response: entry.response };
    this.entries.set(id, { state: 'running' });
    return { kind: 'execute' };
  }

  complete(key: string, method: string, path: string, response: ApiResponse): void {
    this.entries.set(IdempotencyStore.id(key, method, path), { state: 'done', response, at: this.now() });
  }

  /** Releases a claim whose request never reached the API (e.g. a gateway fault): a retry may run. */
  abandon(key: string, method: string, path: string): void {
    const id = IdempotencyStore.id(key, method, path);
    if (this.entries.get(id)?.state === 'running') this.entries.delete(id);
  }
}
