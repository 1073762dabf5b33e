// Public surface of the tray model: pure data for the Electron Tray adapter and the web test host.
export * from './tray-model';
export * from './from-snapshot';
export { formatClock, formatShort, sanitizeName, truncateText, escapeMenuLabel } from './text';
