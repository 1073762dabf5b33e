// Settings → Auto-pause & reminders: pause when the screen locks or the computer sleeps, resume on
// unlock, a reminder while paused, a warning before Recall ends a bot that is not recording — all
// off by default. Each change is saved at once; the saved view comes back from the core (and is
// pushed by `automation:changed`), with what automation is doing right now.
import { useCallback, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { AutomationPatch, AutomationView } from '../../../electron/contract/automation';
import { useSavedSetting } from '../hooks/use-saved-setting';
import { SettingError, SettingStatus } from './setting-status';
import './automation-settings.css';

export function AutomationSettings({ api }: { api: RecallRemoteApi }) {
  const load = useCallback(() => api.getAutomation(), [api]);
  const save = useCallback((patch: AutomationPatch) => api.updateAutomation(patch), [api]);
  const subscribe = useCallback((listener: (view: AutomationView) => void) => api.onAutomationChanged(listener), [api]);
  const setting = useSavedSetting(load, save, subscribe);

  if (setting.current.status !== 'ready') {
    return (
      <AutomationFrame>
        <SettingStatus current={setting.current} reload={setting.reload} />
      </AutomationFrame>
    );
  }
  return (
    <AutomationFrame>
      <AutomationForm view={setting.current.value} saving={setting.saving} onUpdate={setting.update} onInvalid={setting.setError} />
      <SettingError message={setting.error} />
    </AutomationFrame>
  );
}

function AutomationFrame({ children }: { children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby="automation-title" id="settings-automation" data-testid="automation-settings">
      <h3 id="automation-title" className="section-title">
        Auto-pause &amp; reminders
      </h3>
      <p className="section-hint">Off until you turn them on. They act on the bot selected in the tray.</p>
      {children}
    </section>
  );
}

interface AutomationFormProps {
  view: AutomationView;
  saving: boolean;
  onUpdate(patch: AutomationPatch): Promise<boolean>;
  /** A value that is not even a number: said without asking the core. */
  onInvalid(message: string): void;
}

function Check({ id, checked, disabled, label, hint, nested = false, onChange }: {
  id: string;
  checked: boolean;
  disabled: boolean;
  label: string;
  hint?: string;
  nested?: boolean;
  onChange(checked: boolean): void;
}) {
  const hintId = `${id}-hint`;
  return (
    <div className={`check${nested ? ' check-nested' : ''}`}>
      <input id={id} type="checkbox" checked={checked} disabled={disabled} aria-describedby={hint ? hintId : undefined} onChange={(event) => onChange(event.target.checked)} />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

function AutomationForm({ view, saving, onUpdate, onInvalid }: AutomationFormProps) {
  const ids = { lock: useId(), sleep: useId(), resume: useId(), remind: useId(), minutes: useId(), leave: useId() };
  const { autoPause, pausedReminder, leaveWarning } = view.settings;
  const [minutes, setMinutes] = useState(String(pausedReminder.everyMinutes));
  const [typed, setTyped] = useState(false);
  const shownMinutes = typed ? minutes : String(pausedReminder.everyMinutes);
  const minutesChanged = shownMinutes.trim() !== String(pausedReminder.everyMinutes);
  const timeoutMinutes = Math.round(leaveWarning.timeoutSeconds / 60);
  const warnings = leaveWarning.minutesBefore.join(' and ');
  const now = view.autoPause?.label ?? view.trayLine;

  const saveMinutes = async (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    if (!minutesChanged) return;
    const value = Number(shownMinutes.trim());
    if (shownMinutes.trim() === '' || !Number.isFinite(value)) {
      onInvalid('Paused reminder interval: enter a number of minutes');
      return;
    }
    // The core says what is wrong with a value out of range.
    if (await onUpdate({ pausedReminder: { everyMinutes: value } })) setTyped(false);
  };

  return (
    <div className="prefs automation">
      {now && (
        <p className={`automation-now${view.autoPause?.phase.endsWith('failed') ? ' automation-now-error' : ''}`} role="status" data-testid="automation-now">
          {now}
          {view.autoPause?.message ? ` — ${view.autoPause.message}` : ''}
        </p>
      )}
      <Check
        id={ids.lock}
        checked={autoPause.onLock}
        disabled={saving}
        label="Pause the recording when the screen locks"
        hint={view.lockDetection === 'polling' ? 'On Linux this works where the desktop tells apps about the lock (most GNOME and KDE sessions).' : undefined}
        onChange={(onLock) => void onUpdate({ autoPause: { onLock } })}
      />
      <Check id={ids.sleep} checked={autoPause.onSuspend} disabled={saving} label="Pause the recording when the computer goes to sleep" onChange={(onSuspend) => void onUpdate({ autoPause: { onSuspend } })} />
      <Check
        id={ids.resume}
        nested
        checked={autoPause.resumeOnUnlock}
        disabled={saving || !(autoPause.onLock || autoPause.onSuspend)}
        label="Resume when I unlock"
        hint="Only a pause made automatically, and only if nobody touched it since."
        onChange={(resumeOnUnlock) => void onUpdate({ autoPause: { resumeOnUnlock } })}
      />
      <div className="check automation-remind">
        <input
          id={ids.remind}
          type="checkbox"
          checked={pausedReminder.enabled}
          disabled={saving}
          onChange={(event) => void onUpdate({ pausedReminder: { enabled: event.target.checked } })}
        />
        <form className="automation-remind-row" onSubmit={(event) => void saveMinutes(event)} noValidate>
          <label htmlFor={ids.remind}>Remind me while paused, every</label>
          <input
            id={ids.minutes}
            className="input automation-minutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={240}
            step={1}
            aria-label="Reminder interval in minutes"
            value={shownMinutes}
            disabled={saving}
            onChange={(event) => {
              setMinutes(event.target.value);
              setTyped(true);
            }}
            onBlur={() => void saveMinutes()}
          />
          <span aria-hidden="true">min</span>
        </form>
      </div>
      <Check
        id={ids.leave}
        checked={leaveWarning.enabled}
        disabled={saving}
        label="Warn me before the bot leaves for not recording"
        hint={`Recall ends a bot that has not recorded for ${timeoutMinutes} min — paused and stopped time both count. Warnings ${warnings} min before.`}
        onChange={(enabled) => void onUpdate({ leaveWarning: { enabled } })}
      />
      <p className="field-hint automation-foot">Notices show in this window and, while notifications are on (General), as desktop notifications.</p>
    </div>
  );
}
