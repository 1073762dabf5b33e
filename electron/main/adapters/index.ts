// The Electron adapters electron/main/index.ts composes: settings + key vault, global shortcuts,
// tray, notifications and launch at login. Each translates core data to Electron calls only.
export { openSettingsStore, SettingsSaveError, SETTINGS_FILE } from './settings-store';
export type { SettingsStore, SettingsStoreOptions, StoreUpdate } from './settings-store';
export type { StoreNotice, StoreNoticeKind } from './store-notice';
export { configureLinuxShortcutPortal, installGlobalShortcuts, isWaylandSession } from './global-shortcuts';
export type { GlobalShortcuts, GlobalShortcutsOptions, ShortcutReport, ShortcutSession } from './global-shortcuts';
export { createTrayAdapter, trayIconPath, trayResourcesDir } from './tray';
export type { TrayAdapter, TrayAdapterOptions } from './tray';
export { createNotifier } from './notifications';
export type { Notifier, NotifierOptions } from './notifications';
export { createLaunchAtLogin } from './launch-at-login';
export type { LaunchAtLogin, LaunchAtLoginState } from './launch-at-login';
