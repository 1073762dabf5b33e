// Notifications, launch at login (disabled with the reason where the OS does not support it)
// and the downloads folder (a path, or the default). Each change is saved at once; the saved
// value comes back from the core and replaces the shown one.
import { useCallback, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { RequestOf } from '../../../electron/contract/contract';
import type { PreferencesView } from '../../../electron/contract/types';
import { useSavedSetting } from '../hooks/use-saved-setting';
import { SettingError, SettingStatus } from './setting-status';

type Patch = RequestOf<'settings:update'>;

export function PreferenceSettings({ api }: { api: RecallRemoteApi }) {
  const load = useCallback(() => api.getPreferences(), [api]);
  const save = useCallback((patch: Patch) => api.updatePreferences(patch), [api]);
  const setting = useSavedSetting(load, save);

  if (setting.current.status !== 'ready') {
    return (
      <PreferenceFrame>
        <SettingStatus current={setting.current} reload={setting.reload} />
      </PreferenceFrame>
    );
  }
  return (
    <PreferenceFrame>
      <PreferenceForm view={setting.current.value} saving={setting.saving} onUpdate={setting.update} />
      <SettingError message={setting.error} />
    </PreferenceFrame>
  );
}

function PreferenceFrame({ children }: { children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby="prefs-title" id="settings-general">
      <h3 id="prefs-title" className="section-title">
        General
      </h3>
      {children}
    </section>
  );
}

interface PreferenceFormProps {
  view: PreferencesView;
  saving: boolean;
  onUpdate(patch: Patch): Promise<boolean>;
}

function PreferenceForm({ view, saving, onUpdate }: PreferenceFormProps) {
  const ids = { notify: useId(), confirm: useId(), login: useId(), loginHint: useId(), dir: useId(), dirHint: useId() };
  const [dir, setDir] = useState(view.downloadDir ?? '');
  const dirChanged = dir.trim() !== (view.downloadDir ?? '');

  const saveDir = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = dir.trim();
    await onUpdate({ downloadDir: next === '' ? null : next });
  };

  const resetDir = async () => {
    if (await onUpdate({ downloadDir: null })) setDir('');
  };

  return (
    <div className="prefs">
      <div className="check">
        <input
          id={ids.notify}
          type="checkbox"
          checked={view.notifications.enabled}
          disabled={saving}
          onChange={(event) => void onUpdate({ notifications: { enabled: event.target.checked } })}
        />
        <label htmlFor={ids.notify}>Show desktop notifications</label>
      </div>
      <div className="check check-nested">
        <input
          id={ids.confirm}
          type="checkbox"
          checked={view.notifications.onHotkeyConfirm}
          disabled={saving || !view.notifications.enabled}
          onChange={(event) => void onUpdate({ notifications: { onHotkeyConfirm: event.target.checked } })}
        />
        <label htmlFor={ids.confirm}>Also confirm each shortcut press (failures always notify)</label>
      </div>
      <div className="check">
        <input
          id={ids.login}
          type="checkbox"
          checked={view.launchAtLogin.enabled}
          disabled={saving || !view.launchAtLogin.supported}
          aria-describedby={ids.loginHint}
          onChange={(event) => void onUpdate({ launchAtLogin: event.target.checked })}
        />
        <div>
          <label htmlFor={ids.login}>Open at login</label>
          <p id={ids.loginHint} className="field-hint">
            {view.launchAtLogin.supported ? 'Starts in the tray when you sign in.' : (view.launchAtLogin.message ?? 'Not supported on this system.')}
          </p>
        </div>
      </div>
      <form className="field" onSubmit={saveDir} noValidate>
        <label htmlFor={ids.dir} className="field-label">
          Downloads folder
        </label>
        <div className="paste-row">
          <input
            id={ids.dir}
            className="input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="Default folder"
            value={dir}
            onChange={(event) => setDir(event.target.value)}
            aria-describedby={ids.dirHint}
            disabled={saving}
          />
          <button type="submit" className="button" disabled={saving || !dirChanged}>
            Save
          </button>
          <button type="button" className="button" disabled={saving || view.downloadDir === null} onClick={() => void resetDir()}>
            Default
          </button>
        </div>
        <p id={ids.dirHint} className="field-hint">
          {view.downloadDir === null ? 'Using the default folder.' : 'Recordings are saved here.'}
        </p>
      </form>
    </div>
  );
}
