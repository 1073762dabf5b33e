// Public surface of the app core's segments library: what createCore and the shells compose.
export { createLibrary, DEFAULT_PENDING_POLL_MS, DEFAULT_SAVE_DELAY_MS } from './library';
export type { ControllerPort, FollowedBot, Library, LibraryDeps, LibraryHandlers, LibraryShell } from './library';
export { fileSnapshotStore, memorySnapshotStore } from './snapshot-saver';
export type { SnapshotStore } from './snapshot-saver';
export { pauseOffsets } from './row-view';
