// What a settings section shows before its value is there: "Loading…", or the error with a retry.
import type { Loadable } from '../hooks/loadable';

export function SettingStatus<T>({ current, reload }: { current: Exclude<Loadable<T>, { status: 'ready' }>; reload: () => void }) {
  if (current.status === 'loading') return <p className="list-note">Loading settings…</p>;
  return (
    <div className="list-note list-note-error">
      <p>{current.error.message}</p>
      <button type="button" className="button button-small" onClick={reload}>
        Try again
      </button>
    </div>
  );
}

export function SettingError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}
