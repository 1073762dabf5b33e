// Public surface of the global-shortcut model: accelerators, the map and its persistence,
// registration planning and statuses, and the dispatcher that turns presses into outcomes.
export * from './accelerator';
export * from './hotkey-map';
export * from './registration';
export * from './dispatcher';
