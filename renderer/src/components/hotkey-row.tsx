// One global-shortcut binding: its keys, a key recorder (focus Record, press the keys; Esc
// cancels, Backspace/Delete clears), Clear, and the live registration status in words. Global
// shortcuts are suspended while the recorder listens so the keys pressed do not fire actions.
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { HotkeyBindingView, HotkeysView, HotkeyStatus } from '../../../electron/contract/types';
import { chordFromEvent, chordText, isModifierKey } from '../lib/key-chord';
import { thrownError } from '../hooks/loadable';

const STATUS_TEXT: Record<HotkeyStatus, string> = {
  registered: 'Registered',
  in_use: 'In use by another app',
  invalid: 'Invalid',
  unsupported: 'Not supported on this desktop',
  unbound: 'Not set',
};

interface HotkeyRowProps {
  api: RecallRemoteApi;
  binding: HotkeyBindingView;
  platform: string;
  onView(view: HotkeysView): void;
}

export function HotkeyRow({ api, binding, platform, onView }: HotkeyRowProps) {
  const ids = { status: useId(), message: useId() };
  const [listening, setListening] = useState(false);
  const [held, setHeld] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const recorder = useRef<HTMLButtonElement>(null);
  const suspended = useRef(false);

  // Shortcuts stay suspended exactly while listening, also if the row unmounts mid-recording.
  useEffect(
    () => () => {
      if (suspended.current) void api.suspendHotkeys(false);
    },
    [api],
  );

  const listen = () => {
    if (suspended.current || saving) return;
    suspended.current = true;
    setError(null);
    setListening(true);
    void api.suspendHotkeys(true);
    recorder.current?.focus();
  };

  /** Stops listening; resolves once shortcuts are live again (so a new binding registers at once). */
  const stop = async (): Promise<void> => {
    setListening(false);
    setHeld([]);
    if (!suspended.current) return;
    suspended.current = false;
    await api.suspendHotkeys(false);
  };

  const save = async (accelerator: string | null) => {
    setSaving(true);
    setError(null);
    try {
      await stop();
      const result = await api.setHotkey(binding.action, accelerator);
      if (result.ok) {
        onView(result.value);
        const saved = result.value.bindings.find((b) => b.action === binding.action);
        setSaid(saved ? `${binding.label}: ${saved.display ?? 'no shortcut'}, ${STATUS_TEXT[saved.status]}${saved.message ? `. ${saved.message}` : ''}` : '');
      } else {
        setError(result.error.message);
        setSaid(`${binding.label}: ${result.error.message}`);
      }
    } catch (thrown) {
      setError(thrownError(thrown).message);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!listening) return;
    // Tab still moves focus (blur cancels): a key recorder must not trap the keyboard.
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) return;
    event.preventDefault();
    event.stopPropagation();
    const bare = !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey;
    if (bare && event.key === 'Escape') {
      void stop();
      setSaid('Recording cancelled');
      return;
    }
    if (bare && (event.key === 'Backspace' || event.key === 'Delete')) {
      void save(null);
      return;
    }
    const chord = chordFromEvent(event, platform);
    if (chord.kind === 'modifiers') {
      setHeld(chord.modifiers);
      return;
    }
    if (chord.kind === 'unsupported') {
      setError(chord.message);
      return;
    }
    void save(chord.accelerator);
  };

  const onKeyUp = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!listening || !isModifierKey(event)) return;
    const chord = chordFromEvent(event, platform);
    if (chord.kind === 'modifiers') setHeld(chord.modifiers);
  };

  // A refused attempt leaves the saved binding (and its status) as it was: say so beside it.
  const message = error ? `Not saved — ${error}` : binding.message;
  const status = binding.status;
  const shown = listening ? (held.length > 0 ? chordText(held, null, platform) : 'Press the keys…') : (binding.display ?? 'Not set');

  return (
    <li className={`hotkey${listening ? ' hotkey-listening' : ''}`} data-testid={`hotkey-${binding.action}`} data-status={binding.status}>
      <div className="hotkey-head">
        <span className="hotkey-label">
          {binding.label}
        </span>
        <span id={ids.status} className={`hotkey-status hotkey-status-${status}`} data-testid="hotkey-status">
          {status === 'registered' && <span aria-hidden="true">✓ </span>}
          {STATUS_TEXT[status]}
        </span>
      </div>
      <div className="hotkey-keys">
        <kbd className={`hotkey-value${binding.accelerator === null && !listening ? ' hotkey-value-empty' : ''}`} data-testid="hotkey-value" aria-hidden="true">
          {shown}
        </kbd>
        <button
          ref={recorder}
          type="button"
          className={`button button-small hotkey-record${listening ? ' button-listening' : ''}`}
          aria-label={listening ? `Listening for the ${binding.label} shortcut: press the keys, Esc cancels, Backspace clears` : `Record ${binding.label} shortcut`}
          aria-describedby={`${ids.status} ${ids.message}`}
          aria-pressed={listening}
          aria-busy={saving || undefined}
          onClick={listen}
          onKeyDown={onKeyDown}
          onKeyUp={onKeyUp}
          onBlur={() => void stop()}
        >
          {listening ? 'Listening…' : 'Record'}
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={`Clear ${binding.label} shortcut`}
          disabled={saving || listening || binding.accelerator === null}
          onClick={() => void save(null)}
        >
          Clear
        </button>
      </div>
      <p id={ids.message} className={`hotkey-message${error || binding.status === 'invalid' || binding.status === 'in_use' ? ' hotkey-message-error' : ''}`} data-testid="hotkey-message">
        {listening ? 'Esc cancels · Backspace clears' : (message ?? '')}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </li>
  );
}
