// A settings section's value from the core plus saving it: each change is sent at once, the saved
// value the core answers replaces the shown one, and a refusal is kept in words for the section.
import { useState } from 'react';
import type { Result } from '../../../electron/contract/result';
import { thrownError } from './loadable';
import { useRemoteValue } from './use-remote-value';
import type { RemoteValue } from './use-remote-value';

export interface SavedSetting<T, P> extends RemoteValue<T> {
  saving: boolean;
  error: string | null;
  setError(message: string | null): void;
  /** Resolves true once the core saved the patch. */
  update(patch: P): Promise<boolean>;
}

/** `load`, `subscribe` and `save` must be stable (memoized), as for useRemoteValue. */
export function useSavedSetting<T, P>(
  load: () => Promise<Result<T>>,
  save: (patch: P) => Promise<Result<T>>,
  subscribe?: (listener: (value: T) => void) => () => void,
): SavedSetting<T, P> {
  const remote = useRemoteValue(load, subscribe);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const update = async (patch: P): Promise<boolean> => {
    setSaving(true);
    setError(null);
    try {
      const result = await save(patch);
      if (result.ok) remote.accept(result.value);
      else setError(result.error.message);
      return result.ok;
    } catch (thrown) {
      setError(thrownError(thrown).message);
      return false;
    } finally {
      setSaving(false);
    }
  };

  return { ...remote, saving, error, setError, update };
}
