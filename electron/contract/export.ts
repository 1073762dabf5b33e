// The clean export's part of the IPC contract: channel and event names, payload types (plain
// JSON-safe data) and the `window.recallRemote` functions that call them. Zod-free like
// library.ts (the preload bundles it); validators: export-schemas.ts.
import type { ContractError, Result } from './result';
import type { RemoteTransport } from './api';

export const EXPORT_CHANNELS = {
  exportStart: 'export:start',
  exportCancel: 'export:cancel',
  exportList: 'export:list',
  exportOpen: 'export:open',
  exportShowInFolder: 'export:showInFolder',
} as const;

export type ExportChannel = (typeof EXPORT_CHANNELS)[keyof typeof EXPORT_CHANNELS];

export const EXPORT_EVENTS = {
  exportProgress: 'export:progress',
  exportChanged: 'export:changed',
} as const;

/** How the clean file was made: stream copy (re-encoding only around cuts), a full re-encode, or a plain copy (nothing to cut). */
export type ExportMethodView = 'stream_copy' | 'reencode' | 'remux';

/** A cut, in seconds from the start of the downloaded file. */
export interface ExportCutView {
  startSec: number;
  endSec: number;
}

export interface ExportResultView {
  recordingId: string;
  /** `<name> (clean).mp4`, beside the download. */
  outputPath: string;
  fileName: string;
  /** Re-timed transcript (Recall's JSON shape), SRT and WebVTT; absent when the recording has no transcript. */
  transcriptPaths?: { json: string; srt: string; vtt: string };
  cuts: ExportCutView[];
  keptDurationSec: number;
  removedSec: number;
  method: ExportMethodView;
  /** Something the user should know although the export worked (e.g. the transcript could not be read). */
  warning: string | null;
}

/** The last export of a recording in this session. */
export type ExportJobView =
  | { recordingId: string; status: 'running'; fraction: number }
  | { recordingId: string; status: 'done'; result: ExportResultView }
  | { recordingId: string; status: 'failed'; error: ContractError }
  | { recordingId: string; status: 'cancelled' };

export interface ExportProgress {
  recordingId: string;
  /** 0..1; 1 only once the result is verified. */
  fraction: number;
}

export interface ExportResponses {
  /** Resolves once the clean file is written and verified (progress and the outcome also arrive as events). */
  'export:start': ExportResultView;
  /** False when nothing was exporting for that recording. */
  'export:cancel': { cancelled: boolean };
  /** Every recording's last export in this session (running ones first). */
  'export:list': ExportJobView[];
  /** Opens the recording's clean export with the OS's default app. */
  'export:open': { path: string };
  'export:showInFolder': { path: string };
}

export interface ExportEventMap {
  /** At most a few per second per export. */
  'export:progress': ExportProgress;
  /** An export started, finished, failed or was cancelled. */
  'export:changed': ExportJobView;
}

export interface ExportApi {
  exportClean(recordingId: string): Promise<Result<ExportResultView>>;
  cancelExport(recordingId: string): Promise<Result<{ cancelled: boolean }>>;
  listExports(): Promise<Result<ExportJobView[]>>;
  openExport(recordingId: string): Promise<Result<{ path: string }>>;
  showExportInFolder(recordingId: string): Promise<Result<{ path: string }>>;
  onExportProgress(listener: (progress: ExportProgress) => void): () => void;
  onExportChanged(listener: (job: ExportJobView) => void): () => void;
}

export function createExportApi(transport: RemoteTransport): ExportApi {
  const C = EXPORT_CHANNELS;
  return {
    exportClean: (recordingId) => transport.invoke(C.exportStart, { recordingId }),
    cancelExport: (recordingId) => transport.invoke(C.exportCancel, { recordingId }),
    listExports: () => transport.invoke(C.exportList, undefined),
    openExport: (recordingId) => transport.invoke(C.exportOpen, { recordingId }),
    showExportInFolder: (recordingId) => transport.invoke(C.exportShowInFolder, { recordingId }),
    onExportProgress: (listener) => transport.subscribe(EXPORT_EVENTS.exportProgress, listener),
    onExportChanged: (listener) => transport.subscribe(EXPORT_EVENTS.exportChanged, listener),
  };
}
