// Public surface of the app core's clean export: the `export:*` handlers createCore composes.
export { createExportService, DEFAULT_PROGRESS_INTERVAL_MS } from './export-service';
export type { ExportClient, ExportHandlers, ExportService, ExportServiceDeps } from './export-service';
export { pauseSpansOnMedia } from './media-spans';
export type { RecordingTimes } from './media-spans';
export { exportContractError, CANCELLED_MESSAGE } from './export-errors';
export { readTranscript } from './transcript-source';
export type { TranscriptRead } from './transcript-source';
