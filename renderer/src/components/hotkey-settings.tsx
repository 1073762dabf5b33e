// Global shortcuts in Settings: one recorder row per binding with its live registration status
// (from hotkeys:get and every hotkeys:changed push), the desktop's reliability note (Wayland),
// and Reset to defaults.
import { useCallback, useState } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { HotkeysView } from '../../../electron/contract/types';
import { thrownError } from '../hooks/loadable';
import { useRemoteValue } from '../hooks/use-remote-value';
import { HotkeyRow } from './hotkey-row';

export function HotkeySettings({ api, platform }: { api: RecallRemoteApi; platform: string }) {
  const load = useCallback(() => api.getHotkeys(), [api]);
  const subscribe = useCallback((listener: (view: HotkeysView) => void) => api.onHotkeysChanged(listener), [api]);
  const hotkeys = useRemoteValue(load, subscribe);
  const [resetting, setResetting] = useState(false);
  const [resetError, setResetError] = useState<string | null>(null);

  const reset = async () => {
    setResetting(true);
    setResetError(null);
    try {
      const result = await api.resetHotkeys();
      if (result.ok) hotkeys.accept(result.value);
      else setResetError(result.error.message);
    } catch (error) {
      setResetError(thrownError(error).message);
    } finally {
      setResetting(false);
    }
  };

  let body;
  if (hotkeys.current.status === 'loading') body = <p className="list-note">Loading shortcuts…</p>;
  else if (hotkeys.current.status === 'error') {
    body = (
      <div className="list-note list-note-error">
        <p>{hotkeys.current.error.message}</p>
        <button type="button" className="button button-small" onClick={hotkeys.reload}>
          Try again
        </button>
      </div>
    );
  } else {
    const view = hotkeys.current.value;
    body = (
      <>
        {!view.reliable && (
          <p className="note note-warning" data-testid="hotkeys-note">
            <span className="error-mark" aria-hidden="true">
              !
            </span>
            {view.note ?? 'Global shortcuts may not fire on this desktop.'}
          </p>
        )}
        <ul className="hotkey-list" aria-label="Global shortcuts">
          {view.bindings.map((binding) => (
            <HotkeyRow key={binding.action} api={api} binding={binding} platform={platform} onView={hotkeys.accept} />
          ))}
        </ul>
      </>
    );
  }

  return (
    <section className="settings-section" aria-labelledby="hotkeys-title" id="settings-hotkeys">
      <div className="settings-section-head">
        <h3 id="hotkeys-title" className="section-title">
          Shortcuts
        </h3>
        <button type="button" className="button button-small" onClick={() => void reset()} disabled={resetting || hotkeys.current.status !== 'ready'}>
          {resetting ? 'Resetting…' : 'Reset to defaults'}
        </button>
      </div>
      <p className="section-hint">Work in any app, even when this window is closed.</p>
      {resetError && (
        <p className="field-error" role="alert">
          {resetError}
        </p>
      )}
      {body}
    </section>
  );
}
