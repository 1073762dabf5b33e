// The typed IPC contract shared by main, preload, renderer and the test host.
// The preload must import from the zod-free modules (channels, api, result) directly.
export * from './channels';
export * from './result';
export * from './types';
export * from './schemas';
export * from './contract';
export * from './api';
export * from './library';
export * from './export';
export * from './automation';
