// A value read from the core: loading, ready, or the specific error that prevented it.
import type { ContractError } from '../../../electron/contract/result';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ContractError };

/** A rejected promise from the bridge/preload (not a contract Result) as a contract error. */
export function thrownError(error: unknown): ContractError {
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
