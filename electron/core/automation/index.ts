// Public surface of automation without global hotkeys: `--action` parsing, routing and forwarding
// (with its reply channel), auto-pause on lock/sleep, reminders, and their settings fragment.
export * from './action-args';
export * from './action-routing';
export * from './reply-channel';
export * from './action-forwarding';
export * from './automation-target';
export * from './notice-texts';
export * from './auto-pause';
export * from './reminders';
export * from './automation';
export * from './settings';
