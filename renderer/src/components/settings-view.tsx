// Settings in the same window (reached from the gear or the tray's Settings item via
// `#settings`): connection, shortcuts, general preferences. Esc or the close button returns to
// the remote; focus lands on the heading when it opens and on the gear when it closes.
import { useEffect, useRef } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { AppInfo } from '../../../electron/contract/types';
import { ConnectionSettings } from './connection-settings';
import { HotkeySettings } from './hotkey-settings';
import { CloseIcon } from './icons';
import { PreferenceSettings } from './preference-settings';
import { AutomationSettings } from './automation-settings';

interface SettingsViewProps {
  api: RecallRemoteApi;
  info: AppInfo | null;
  section: string | null;
  onConnected(info: AppInfo): void;
  onClose(): void;
}

export function SettingsView({ api, info, section, onConnected, onClose }: SettingsViewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const container = useRef<HTMLElement>(null);

  useEffect(() => {
    const target = section ? document.getElementById(`settings-${section}`) : null;
    heading.current?.focus({ preventScroll: target !== null });
    const root = container.current;
    if (!target || !root) return;
    // Sections above the requested one grow as their data arrives: keep it in view until the
    // layout settles or the user scrolls on their own.
    const align = () => target.scrollIntoView({ block: 'start' });
    align();
    const observer = new ResizeObserver(align);
    observer.observe(root);
    const release = () => observer.disconnect();
    const timer = window.setTimeout(release, 1_500);
    window.addEventListener('wheel', release, { once: true });
    window.addEventListener('keydown', release, { once: true });
    return () => {
      release();
      window.clearTimeout(timer);
      window.removeEventListener('wheel', release);
      window.removeEventListener('keydown', release);
    };
  }, [section]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  return (
    <section ref={container} className="settings" aria-labelledby="settings-title" data-testid="settings">
      <div className="settings-head">
        <h2 id="settings-title" className="settings-title" ref={heading} tabIndex={-1}>
          Settings
        </h2>
        <button type="button" className="icon-button" aria-label="Close settings" title="Close (Esc)" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <ConnectionSettings api={api} onConnected={onConnected} />
      <HotkeySettings api={api} platform={info?.platform ?? 'linux'} />
      <PreferenceSettings api={api} />
      <AutomationSettings api={api} />
      {info && (
        <p className="about">
          {info.name} {info.version}
        </p>
      )}
    </section>
  );
}
