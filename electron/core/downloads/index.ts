// Public surface of the download manager: what the IPC handlers, the CLI and preview import.
export * from './errors';
export * from './local-fs';
export * from './file-name';
export * from './download-dir';
export * from './manifest';
export * from './progress';
export * from './retry-policy';
export * from './media-source';
export * from './local-state';
export { PART_SUFFIX, type DownloadResult, type RetryNotice } from './transfer';
export * from './download-manager';
