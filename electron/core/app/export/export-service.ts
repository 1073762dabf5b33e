// The `export:*` handlers: a clean export of a downloaded recording (paused spans cut out, the
// transcript re-timed) written beside the download, one at a time per recording, with throttled
// progress, cancel, and the last outcome of each recording kept for the window (and for Open /
// Show in folder on the clean file).
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { exportClean as defaultExportClean, type ExportCleanOptions, type ExportCleanResult } from '../../export';
import type { LocalFileState } from '../../downloads';
import type { Bot, CallOptions, Recording } from '../../recall';
import { pauseSpansFromStatusHistory, type PauseSpanInput } from '../../segments';
import { EVENTS } from '../../../contract';
import type { ContractError, ExportChannel, ExportJobView, ExportResultView } from '../../../contract';
import type { Clock, EventSink, LogLevel } from '../deps';
import type { Handlers } from '../dispatch';
import { CoreError } from '../errors';
import type { LibraryShell } from '../library';
import { exportContractError } from './export-errors';
import { pauseSpansOnMedia } from './media-spans';
import { readTranscript } from './transcript-source';

/** What the export reads from Recall: the recording (fresh links, started_at) and its bot (status history). */
export interface ExportClient {
  getRecording(recordingId: string, options?: CallOptions): Promise<Recording>;
  getBot(botId: string, options?: CallOptions): Promise<Bot>;
}

export interface ExportServiceDeps {
  client(): ExportClient;
  /** What is on disk for a recording (the download manager's answer). */
  localState(recordingId: string): Promise<LocalFileState>;
  /** The bots' recording controllers: their pause spans include presses not yet in Recall's history. */
  controllers?: { peek(botId: string): { pauseSpans(recordingId?: string): readonly PauseSpanInput[] } | null };
  shell: LibraryShell;
  /** Recall's clock: a pause still open ends now. */
  clock: Clock;
  /** The user's clock: progress events are spaced on it. */
  wallClock: Clock;
  events: EventSink;
  fetch?: typeof fetch;
  /** Default: the core's exportClean with the registry-shipped ffmpeg. */
  exportClean?: (options: ExportCleanOptions) => Promise<ExportCleanResult>;
  ffmpegPath?: string;
  /** Least time between two progress events of one export (ms). */
  progressIntervalMs?: number;
  /** Whether a file is still there (default: the file system). */
  fileExists?(path: string): Promise<boolean>;
  log?(level: LogLevel, message: string): void;
}

export type ExportHandlers = Pick<Handlers, ExportChannel>;

export interface ExportService {
  readonly handlers: ExportHandlers;
  /** Cancels running exports and waits until they have cleaned up. */
  close(): Promise<void>;
}

export const DEFAULT_PROGRESS_INTERVAL_MS = 250;
/** Finished exports remembered for the window; the oldest are forgotten first. */
const REMEMBERED_MAX = 200;

interface Running {
  readonly abort: AbortController;
  readonly done: Promise<unknown>;
  fraction: number;
}

const NOT_DOWNLOADED: Partial<Record<LocalFileState['kind'], string>> = {
  not_downloaded: 'is not downloaded yet',
  queued: 'is still waiting to download',
  downloading: 'is still downloading',
  partial: 'is only partly downloaded',
};

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The downloaded file, or the specific reason there is none to export. */
function downloadedFile(local: LocalFileState): { path: string; fileName: string } {
  switch (local.kind) {
    case 'downloaded':
      return { path: local.path, fileName: local.fileName };
    case 'changed':
      throw new CoreError('wrong_state', `Download it again first: ${local.fileName} changed on disk since it was downloaded, so its pauses cannot be trusted.`);
    case 'missing':
      throw new CoreError('not_found', `Download it again first: ${local.fileName} is no longer in the download folder.`);
    default:
      throw new CoreError('wrong_state', `Download it first: this recording ${NOT_DOWNLOADED[local.kind] ?? 'is not on this computer'}, and the clean export is made from the downloaded file.`);
  }
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const log = (level: LogLevel, message: string) => deps.log?.(level, message);
  const runExport = deps.exportClean ?? defaultExportClean;
  const fetchImpl: typeof fetch = deps.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const fileExists = deps.fileExists ?? exists;
  const interval = deps.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  const running = new Map<string, Running>();
  const last = new Map<string, ExportJobView>();
  let closed = false;

  const publish = (view: ExportJobView) => {
    last.delete(view.recordingId);
    last.set(view.recordingId, view);
    while (last.size > REMEMBERED_MAX) {
      const oldest = [...last.keys()].find((id) => !running.has(id));
      if (oldest === undefined) break;
      last.delete(oldest);
    }
    if (!closed) deps.events.emit(EVENTS.exportChanged, view);
  };

  /** The user's pauses from every witness on Recall's clock, as offsets into the file. */
  const userPauses = (recording: Recording, bot: Bot | null): ReturnType<typeof pauseSpansOnMedia> => {
    const spans: PauseSpanInput[] = [];
    if (bot) {
      spans.push(...(deps.controllers?.peek(bot.id)?.pauseSpans(recording.id) ?? []));
      const embedded = bot.recordings.find((r) => r.id === recording.id);
      if (embedded) spans.push(...pauseSpansFromStatusHistory(bot, embedded));
    }
    return pauseSpansOnMedia(recording, spans, deps.clock.now());
  };

  async function produce(recordingId: string, file: { path: string; fileName: string }, job: Running): Promise<ExportResultView> {
    const signal = job.abort.signal;
    const client = deps.client();
    // Read right before use: the transcript's pre-signed link must be a fresh one.
    const recording = await client.getRecording(recordingId, { signal });
    const botId = recording.bot?.id ?? null;
    const bot = botId === null ? null : await client.getBot(botId, { signal });
    const userPauseSpans = userPauses(recording, bot);
    const { transcript, warning } = await readTranscript(recording, fetchImpl, signal);
    if (warning) log('warn', `export of ${recordingId}: ${warning}`);

    let lastEmit = -Infinity;
    const onProgress = (fraction: number) => {
      job.fraction = fraction;
      const now = deps.wallClock.now();
      if (fraction < 1 && now - lastEmit < interval) return;
      lastEmit = now;
      if (!closed) deps.events.emit(EVENTS.exportProgress, { recordingId, fraction });
    };
    const result = await runExport({
      inputPath: file.path,
      baseName: basename(file.fileName, '.mp4'),
      userPauseSpans,
      signal,
      onProgress,
      ...(transcript !== null && { transcript }),
      ...(deps.ffmpegPath !== undefined && { ffmpegPath: deps.ffmpegPath }),
    });
    return {
      recordingId,
      outputPath: result.outputPath,
      fileName: basename(result.outputPath),
      ...(result.transcriptPaths && { transcriptPaths: { ...result.transcriptPaths } }),
      cuts: result.cuts.map((c) => ({ startSec: c.startSec, endSec: c.endSec })),
      keptDurationSec: result.keptDurationSec,
      removedSec: result.cuts.reduce((sum, c) => sum + (c.endSec - c.startSec), 0),
      method: result.method,
      warning,
    };
  }

  async function start(recordingId: string): Promise<ExportResultView> {
    if (closed) throw new CoreError('aborted', 'Recall Remote is closing: the clean export was not started.');
    // Refused before anything starts: no export of it appears in the list.
    const file = downloadedFile(await deps.localState(recordingId));
    if (running.has(recordingId)) throw new CoreError('conflict', 'This recording is already being exported — wait for it to finish or cancel it.');
    let settle: () => void = () => undefined;
    const job: Running = { abort: new AbortController(), done: new Promise<void>((resolve) => (settle = resolve)), fraction: 0 };
    running.set(recordingId, job);
    publish({ recordingId, status: 'running', fraction: 0 });
    try {
      const result = await produce(recordingId, file, job);
      running.delete(recordingId);
      publish({ recordingId, status: 'done', result });
      log('info', `clean export of ${recordingId}: ${result.outputPath} (${result.method}, ${result.cuts.length} cut(s))`);
      return result;
    } catch (thrown) {
      running.delete(recordingId);
      const error: ContractError = exportContractError(thrown, job.abort.signal.aborted);
      publish(error.kind === 'aborted' ? { recordingId, status: 'cancelled' } : { recordingId, status: 'failed', error });
      if (error.kind === 'internal') log('error', `clean export of ${recordingId} failed: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`);
      throw new CoreError(error.kind, error.message);
    } finally {
      settle();
    }
  }

  const cleanFile = async (recordingId: string, action: string): Promise<string> => {
    const view = last.get(recordingId);
    if (view?.status === 'running') throw new CoreError('wrong_state', `Cannot ${action} yet: the clean export is still running.`);
    if (view?.status !== 'done') throw new CoreError('wrong_state', `Cannot ${action}: this recording has no clean export yet — use Export clean first.`);
    if (!(await fileExists(view.result.outputPath))) {
      throw new CoreError('not_found', `Cannot ${action}: ${view.result.fileName} is no longer in its folder — export it again.`);
    }
    return view.result.outputPath;
  };

  const handlers: ExportHandlers = {
    'export:start': ({ recordingId }) => start(recordingId),
    'export:cancel': async ({ recordingId }) => {
      const job = running.get(recordingId);
      if (!job) return { cancelled: false };
      job.abort.abort();
      await job.done;
      return { cancelled: true };
    },
    'export:list': async () => {
      const views = [...last.values()].map((view): ExportJobView => {
        const job = view.status === 'running' ? running.get(view.recordingId) : undefined;
        return job ? { recordingId: view.recordingId, status: 'running', fraction: job.fraction } : view;
      });
      return [...views.filter((v) => v.status === 'running'), ...views.filter((v) => v.status !== 'running').reverse()];
    },
    'export:open': async ({ recordingId }) => {
      const path = await cleanFile(recordingId, 'open the clean export');
      const failure = await deps.shell.openPath(path);
      if (failure) throw new CoreError('storage', `Could not open ${basename(path)}: ${failure}`);
      return { path };
    },
    'export:showInFolder': async ({ recordingId }) => {
      const path = await cleanFile(recordingId, 'show the clean export');
      deps.shell.showItemInFolder(path);
      return { path };
    },
  };

  return {
    handlers,
    async close() {
      if (closed) return;
      closed = true;
      const jobs = [...running.values()];
      for (const job of jobs) job.abort.abort();
      await Promise.all(jobs.map((job) => job.done));
    },
  };
}
