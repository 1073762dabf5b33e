// The top bar: app name, a Sandbox/Live badge nobody can miss, where we connect, and the gear
// that opens Settings.
import type { Ref } from 'react';
import type { AppInfo } from '../../../electron/contract/types';
import type { Loadable } from '../hooks/loadable';
import { GearIcon } from './icons';

function connectionText(info: AppInfo): string {
  const where = info.connection.kind === 'region' ? `Recall ${info.connection.region}` : info.connection.baseUrl.replace(/^https?:\/\//, '');
  if (info.mode === 'sandbox') return `Built-in sandbox at ${where} — no real meetings`;
  return `${where} · API key ${info.apiKeyConfigured ? 'configured' : 'missing'}`;
}

interface AppBarProps {
  info: Loadable<AppInfo>;
  settingsOpen: boolean;
  onSettings(): void;
  gearRef?: Ref<HTMLButtonElement>;
}

export function AppBar({ info, settingsOpen, onSettings, gearRef }: AppBarProps) {
  return (
    <header className="app-bar">
      <div className="app-bar-row">
        <h1 className="app-title">
          <svg className="app-logo" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="10" className="app-logo-ring" />
            <circle cx="12" cy="12" r="5" className="app-logo-dot" />
          </svg>
          {info.status === 'ready' ? info.value.name : 'Recall Remote'}
        </h1>
        {info.status === 'ready' && (
          <span className={`mode-badge mode-${info.value.mode}`} data-testid="mode-badge">
            {info.value.mode === 'sandbox' ? 'Sandbox' : 'Live'}
          </span>
        )}
        <button
          ref={gearRef}
          type="button"
          className={`icon-button app-gear${settingsOpen ? ' icon-button-active' : ''}`}
          aria-label="Settings"
          aria-pressed={settingsOpen}
          title="Settings"
          onClick={onSettings}
        >
          <GearIcon />
        </button>
      </div>
      <p className="app-connection" data-testid="connection">
        {info.status === 'ready' ? connectionText(info.value) : info.status === 'error' ? info.error.message : 'Connecting…'}
      </p>
    </header>
  );
}
