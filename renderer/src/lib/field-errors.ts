// Routes a core error to the form field it is about, so the message shows under that field
// (the contract's errors carry one sentence, not a field path).
import type { ContractError } from '../../../electron/contract/result';

/** The first field whose keywords the message mentions, else null (a form-level error). */
export function fieldOf<F extends string>(error: ContractError, fields: ReadonlyArray<[F, RegExp]>): F | null {
  for (const [field, pattern] of fields) if (pattern.test(error.message)) return field;
  return null;
}
