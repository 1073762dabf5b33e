// The segments library's part of the IPC contract: channel and event names, response and event
// payload types (plain JSON-safe data) and the `window.recallRemote` functions that call them.
// Zod-free like channels.ts and api.ts (the preload bundles it); validators: library-schemas.ts.
import type { Result } from './result';
import type { RemoteTransport } from './api';

export const LIBRARY_CHANNELS = {
  libraryList: 'library:list',
  libraryDownload: 'library:download',
  libraryDownloadAll: 'library:downloadAll',
  libraryCancel: 'library:cancel',
  libraryOpen: 'library:open',
  libraryShowInFolder: 'library:showInFolder',
  libraryPreviewSource: 'library:previewSource',
  libraryCopyLink: 'library:copyLink',
} as const;

export type LibraryChannel = (typeof LIBRARY_CHANNELS)[keyof typeof LIBRARY_CHANNELS];

export const LIBRARY_EVENTS = {
  libraryChanged: 'library:changed',
  libraryProgress: 'library:progress',
} as const;

/** One row's state: `overwritten` = replaced by a later Start; `deleted` = expired or removed. */
export type SegmentStateView = 'recording' | 'paused' | 'processing' | 'done' | 'failed' | 'deleted' | 'overwritten' | 'unknown';

export type PauseSourceView = 'action_log' | 'status_poll' | 'media';

/** A pause inside a recording, in epoch ms on Recall's clock. */
export interface PauseSpanView {
  startMs: number;
  /** Null while the recording is still paused. */
  endMs: number | null;
  /** Whose boundaries these are: media (exact, from the file) > status_poll > action_log. */
  source: PauseSourceView;
  sources: PauseSourceView[];
}

export interface DownloadProgressView {
  bytes: number;
  total: number | null;
  /** 0–100; null while the size is unknown. */
  percent: number | null;
  /** Smoothed bytes per second; null until measured. */
  rateBps: number | null;
  etaMs: number | null;
}

/** What is on this computer for a recording. */
export type LocalFileView =
  | { kind: 'not_downloaded' }
  | { kind: 'queued' }
  | ({ kind: 'downloading' } & DownloadProgressView)
  | {
      kind: 'partial';
      bytes: number;
      total: number | null;
      percent: number | null;
      /** paused = cancelled with the part kept; failed = stopped on an error; interrupted = app quit. */
      reason: 'paused' | 'failed' | 'interrupted';
      error: { kind: string; message: string } | null;
    }
  | { kind: 'downloaded'; fileName: string; path: string; size: number; sha256: string }
  | { kind: 'changed'; fileName: string; path: string; reason: 'size' | 'sha256'; expectedSize: number; actualSize: number }
  | { kind: 'missing'; fileName: string; path: string };

export interface SegmentRowView {
  /** 1 = the bot's first recording. */
  number: number;
  recordingId: string;
  state: SegmentStateView;
  /** Recall's `recordings[].status.code` (open set). */
  statusCode: string | null;
  subCode: string | null;
  /** Epoch ms. */
  startedAt: number | null;
  completedAt: number | null;
  durationMs: number | null;
  recordedMs: number | null;
  pausedMs: number | null;
  pauses: PauseSpanView[];
  /** The mixed MP4's status (`media_shortcuts.video_mixed`), null when none was requested. */
  videoMixed: { id: string; statusCode: string; subCode: string | null } | null;
  /** Recall has the MP4 ready to fetch now. */
  downloadable: boolean;
  /** When Recall deletes the media (retention); null = kept. */
  expiresAt: number | null;
  local: LocalFileView;
  /** Why the last download attempt failed, until the next attempt. */
  downloadError: { kind: string; message: string } | null;
}

export interface LibraryView {
  /** Null when no bot is selected. */
  botId: string | null;
  botName: string | null;
  /** The bot has left the call (or failed): no new recordings will come. */
  ended: boolean;
  /** Newest first. */
  rows: SegmentRowView[];
  /** Where downloads go. */
  downloadDir: string | null;
}

export interface LibraryProgress {
  recordingId: string;
  progress: DownloadProgressView;
}

/** What the player loads, and where the pauses are on the video's own timeline. */
export interface PreviewSourceView {
  kind: 'local' | 'remote';
  url: string;
  /** Offsets into the video (ms); `endMs` null = paused until the end. */
  pauses: Array<{ startMs: number; endMs: number | null }>;
  /** Length of the recording as Recall reports it; the video element knows the exact one. */
  durationMs: number | null;
  /** A remote URL stops working then (epoch ms); null when unknown or local. */
  expiresAt: number | null;
}

export interface DownloadLinkView {
  url: string;
  /** Epoch ms (pre-signed links last about 6 hours); null when the link does not say. */
  expiresAt: number | null;
}

export interface DownloadAllOutcome {
  /** Recordings newly queued or already downloading. */
  recordingIds: string[];
}

export interface LibraryResponses {
  /** The bot's recordings (default: the selected bot), newest first. */
  'library:list': LibraryView;
  /** Queues the download; completion and failure arrive as library:changed. */
  'library:download': { recordingId: string; local: LocalFileView };
  'library:downloadAll': DownloadAllOutcome;
  /** False when nothing was running for that recording. */
  'library:cancel': { cancelled: boolean };
  /** Opens the downloaded file with the OS's default app. */
  'library:open': { path: string };
  'library:showInFolder': { path: string };
  'library:previewSource': PreviewSourceView;
  /** A fresh pre-signed link (never cached). */
  'library:copyLink': DownloadLinkView;
}

export interface LibraryEventMap {
  'library:changed': LibraryView;
  /** At most a few per second per download. */
  'library:progress': LibraryProgress;
}

export interface LibraryApi {
  listLibrary(botId?: string): Promise<Result<LibraryView>>;
  downloadRecording(recordingId: string): Promise<Result<LibraryResponses['library:download']>>;
  downloadAll(botId?: string): Promise<Result<DownloadAllOutcome>>;
  /** Keeps the partial file for a later resume unless `discard`. */
  cancelDownload(recordingId: string, discard?: boolean): Promise<Result<{ cancelled: boolean }>>;
  openRecording(recordingId: string): Promise<Result<{ path: string }>>;
  showRecordingInFolder(recordingId: string): Promise<Result<{ path: string }>>;
  previewSource(recordingId: string): Promise<Result<PreviewSourceView>>;
  copyDownloadLink(recordingId: string): Promise<Result<DownloadLinkView>>;
  onLibraryChanged(listener: (view: LibraryView) => void): () => void;
  onLibraryProgress(listener: (progress: LibraryProgress) => void): () => void;
}

export function createLibraryApi(transport: RemoteTransport): LibraryApi {
  const C = LIBRARY_CHANNELS;
  return {
    listLibrary: (botId) => transport.invoke(C.libraryList, botId === undefined ? {} : { botId }),
    downloadRecording: (recordingId) => transport.invoke(C.libraryDownload, { recordingId }),
    downloadAll: (botId) => transport.invoke(C.libraryDownloadAll, botId === undefined ? {} : { botId }),
    cancelDownload: (recordingId, discard) =>
      transport.invoke(C.libraryCancel, discard === undefined ? { recordingId } : { recordingId, discard }),
    openRecording: (recordingId) => transport.invoke(C.libraryOpen, { recordingId }),
    showRecordingInFolder: (recordingId) => transport.invoke(C.libraryShowInFolder, { recordingId }),
    previewSource: (recordingId) => transport.invoke(C.libraryPreviewSource, { recordingId }),
    copyDownloadLink: (recordingId) => transport.invoke(C.libraryCopyLink, { recordingId }),
    onLibraryChanged: (listener) => transport.subscribe(LIBRARY_EVENTS.libraryChanged, listener),
    onLibraryProgress: (listener) => transport.subscribe(LIBRARY_EVENTS.libraryProgress, listener),
  };
}
