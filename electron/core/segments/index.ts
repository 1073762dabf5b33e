// Public surface of the segments model: the table rows, pause-span merging, the store and the
// detection of paused (black+silent) ranges in downloaded files.
export * from './pause-spans';
export * from './media-pauses';
export * from './segment-rows';
export * from './status-history';
export * from './segments-store';
